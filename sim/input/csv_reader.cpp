#include "sim/input/csv_reader.h"

#include <fmt/format.h>

namespace orchsim::sim {

namespace {

class CsvParser {
 public:
  CsvParser(std::string_view text, const std::string& file, Diagnostics& diagnostics)
      : text_(text), file_(file), diagnostics_(diagnostics) {
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") text_.remove_prefix(3);  // a BOM, as spreadsheets write
  }

  // The next record, or false at the end of the text (or after an unterminated quote).
  bool record(std::vector<CsvCell>& cells, SourceLocation& start) {
    cells.clear();
    if (pos_ >= text_.size() || stopped_) return false;
    start = here();
    while (true) {
      cells.push_back(field());
      if (stopped_) return false;
      if (pos_ >= text_.size()) return true;
      const char c = text_[pos_];
      if (c == ',') {
        advance();
        continue;
      }
      end_of_line();
      return true;
    }
  }

 private:
  SourceLocation here() const { return {file_, line_, col_}; }

  void advance() {
    if (text_[pos_] == '\n') {
      ++line_;
      col_ = 1;
    } else if ((static_cast<unsigned char>(text_[pos_]) & 0xC0) != 0x80) {
      ++col_;
    }
    ++pos_;
  }

  void end_of_line() {
    if (text_[pos_] == '\r') advance();
    if (pos_ < text_.size() && text_[pos_] == '\n') advance();
  }

  CsvCell field() {
    CsvCell cell{{}, here()};
    if (pos_ < text_.size() && text_[pos_] == '"') {
      quoted(cell);
      return cell;
    }
    while (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != '\n' && text_[pos_] != '\r') {
      if (text_[pos_] == '"') {
        diagnostics_.error(here(), "malformed CSV: a quote inside an unquoted field (quote the whole field and "
                                   "double the quote: \"a \"\"b\"\"\")");
        skip_to_field_end();
        return cell;
      }
      cell.text += text_[pos_];
      advance();
    }
    return cell;
  }

  void quoted(CsvCell& cell) {
    advance();  // the opening quote
    while (true) {
      if (pos_ >= text_.size()) {
        diagnostics_.error(cell.where, "malformed CSV: this quoted field is never closed");
        stopped_ = true;
        return;
      }
      if (text_[pos_] == '"') {
        advance();
        if (pos_ < text_.size() && text_[pos_] == '"') {
          cell.text += '"';
          advance();
          continue;
        }
        break;
      }
      cell.text += text_[pos_];
      advance();
    }
    if (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != '\n' && text_[pos_] != '\r') {
      diagnostics_.error(here(), "malformed CSV: text after the closing quote of a field (a quote inside quotes "
                                 "is written twice: \"\")");
      skip_to_field_end();
    }
  }

  void skip_to_field_end() {
    while (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != '\n' && text_[pos_] != '\r') advance();
  }

  std::string_view text_;
  const std::string& file_;
  Diagnostics& diagnostics_;
  std::size_t pos_ = 0;
  int line_ = 1;
  int col_ = 1;
  bool stopped_ = false;
};

bool blank(const std::vector<CsvCell>& cells) { return cells.size() == 1 && cells[0].text.empty(); }

}  // namespace

CsvTable read_csv(std::string_view text, const std::string& file, Diagnostics& diagnostics) {
  CsvParser parser(text, file, diagnostics);
  CsvTable table;
  std::vector<CsvCell> cells;
  SourceLocation start;
  while (parser.record(cells, start)) {
    if (blank(cells)) continue;  // an empty line, as at the end of many exports
    if (table.header.empty()) {
      table.header = cells;
      continue;
    }
    if (cells.size() != table.header.size()) {
      diagnostics.error(start, fmt::format("malformed CSV: this row has {} fields, the header {}", cells.size(),
                                           table.header.size()));
      continue;
    }
    table.rows.push_back(cells);
  }
  return table;
}

}  // namespace orchsim::sim
