#include "csv.hpp"

#include <utility>

namespace tokprof::trace {
namespace {

char guess_separator(std::string_view text) {
  const std::string_view first = text.substr(0, text.find('\n'));
  return first.find(',') == std::string_view::npos && first.find('\t') != std::string_view::npos ? '\t' : ',';
}

bool is_blank(const CsvRow& row) {
  return row.cells.size() == 1 && row.cells[0].empty();
}

class CsvParser {
 public:
  CsvParser(std::string_view text, char separator) : m_text(text), m_separator(separator) {}

  Result<std::vector<CsvRow>> parse() {
    std::vector<CsvRow> rows;
    while (m_pos < m_text.size()) {
      CsvRow row;
      row.line = m_line;
      TOKPROF_TRY(read_row(row));
      if (!is_blank(row)) {
        rows.push_back(std::move(row));
      }
    }
    return rows;
  }

 private:
  // Reads cells up to the end of the line (or of the text).
  Result<void> read_row(CsvRow& row) {
    std::string cell;
    while (m_pos < m_text.size()) {
      const char c = m_text[m_pos++];
      if (c == '"' && cell.empty()) {
        TOKPROF_TRY(read_quoted(cell));
      } else if (c == m_separator) {
        row.cells.push_back(std::exchange(cell, {}));
      } else if (c == '\n') {
        ++m_line;
        break;
      } else if (c != '\r') {
        cell += c;
      }
    }
    row.cells.push_back(std::move(cell));
    return {};
  }

  Result<void> read_quoted(std::string& cell) {
    const std::int64_t start = m_line;
    while (m_pos < m_text.size()) {
      const char c = m_text[m_pos++];
      if (c == '"') {
        if (m_pos < m_text.size() && m_text[m_pos] == '"') {
          cell += '"';
          ++m_pos;
          continue;
        }
        return {};
      }
      m_line += c == '\n' ? 1 : 0;
      cell += c;
    }
    return make_error_at(ErrorKind::parse, "unterminated quoted field", {}, start);
  }

  std::string_view m_text;
  char m_separator;
  std::size_t m_pos = 0;
  std::int64_t m_line = 1;
};

}  // namespace

Result<std::vector<CsvRow>> parse_csv(std::string_view text) {
  constexpr std::string_view k_bom = "\xEF\xBB\xBF";
  if (text.substr(0, k_bom.size()) == k_bom) {
    text.remove_prefix(k_bom.size());
  }
  return CsvParser(text, guess_separator(text)).parse();
}

}  // namespace tokprof::trace
