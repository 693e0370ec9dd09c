#include "error.hpp"

#include <fmt/format.h>

namespace tokprof {

std::string Error::to_string() const {
  if (file.empty()) {
    return message;
  }
  if (line == 0) {
    return fmt::format("{}: {}", file, message);
  }
  if (column == 0) {
    return fmt::format("{}:{}: {}", file, line, message);
  }
  return fmt::format("{}:{}:{}: {}", file, line, column, message);
}

Error Error::at(std::string where, std::int64_t at_line) const {
  Error copy = *this;
  if (copy.file.empty()) {
    copy.file = std::move(where);
    copy.line = at_line;
  }
  return copy;
}

}  // namespace tokprof
