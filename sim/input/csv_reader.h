// read_csv: a CSV file with a header row (RFC 4180: comma separated, fields optionally in double
// quotes, "" for a quote inside quotes, quoted fields may span lines, CRLF or LF line ends) as
// located cells, so that a bad value is reported at file:row:column (the line and the character
// column where its cell starts). Used by the run-records readers for system-table exports
// (sim/input/system_table_reader.h). Strict: a quote inside an unquoted field, text after a closing
// quote, an unterminated quote or a row with another number of fields than the header is an error.
// Any thread; no shared state.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/error.h"

namespace orchsim::sim {

struct CsvCell {
  std::string text;  // unquoted and unescaped
  SourceLocation where;
};

struct CsvTable {
  std::vector<CsvCell> header;
  std::vector<std::vector<CsvCell>> rows;  // each as long as the header (bad rows are left out)
};

// Every problem goes to `diagnostics`; an unterminated quote stops the reading.
CsvTable read_csv(std::string_view text, const std::string& file, Diagnostics& diagnostics);

}  // namespace orchsim::sim
