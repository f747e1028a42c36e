// JsonValue: a small strict JSON reader (RFC 8259) for the files engine/live reads back: the
// table store's commit logs and the table manifests tasks write. engine/live may not use the
// scenario reader of sim/input, and these files are small. Numbers keep their text so that a
// 64-bit version or row count is read exactly. Pure, no thread affinity.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace orchsim::live {

// A syntax error at a 1-based line and column of the text.
class JsonError : public std::runtime_error {
 public:
  JsonError(int line, int column, const std::string& what);
  int line() const { return line_; }
  int column() const { return column_; }

 private:
  int line_;
  int column_;
};

struct JsonValue {
  enum class Kind : std::uint8_t { kNull, kBool, kNumber, kString, kArray, kObject };
  Kind kind = Kind::kNull;
  bool boolean = false;
  std::string text;  // kNumber: the number as written; kString: the decoded string
  std::vector<JsonValue> items;                              // kArray
  std::vector<std::pair<std::string, JsonValue>> members;   // kObject, in file order, keys unique

  // Out of line (= default in the .cpp): clang cannot build a vector of pairs holding this type
  // while the type is still incomplete.
  JsonValue();
  ~JsonValue();
  JsonValue(const JsonValue&);
  JsonValue(JsonValue&&) noexcept;
  JsonValue& operator=(const JsonValue&);
  JsonValue& operator=(JsonValue&&) noexcept;

  // The member named `key` of an object, or nullptr.
  const JsonValue* find(std::string_view key) const;
  // The value when this is a non-negative integer that fits 64 bits, else nullopt.
  std::optional<std::uint64_t> as_uint() const;
};

// Parses all of `text` (one value, surrounded by optional whitespace). Throws JsonError on any
// syntax error, a duplicate key, a lone surrogate or a nesting deeper than 64.
JsonValue parse_json(std::string_view text);

}  // namespace orchsim::live
