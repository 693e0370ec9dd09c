#include "table.hpp"

#include <algorithm>

namespace tokprof::report {

namespace {

std::string pad(const std::string& text, std::size_t width, Align align) {
  const std::size_t used = display_width(text);
  const std::string fill(width > used ? width - used : 0, ' ');
  return align == Align::left ? text + fill : fill + text;
}

std::string escape_markdown(const std::string& text) {
  std::string escaped;
  for (const char c : text) {
    // '|' would end the cell and a lone '*' may start emphasis.
    if (c == '|' || c == '*') {
      escaped += '\\';
    }
    escaped += c;
  }
  return escaped;
}

}  // namespace

std::string printable(std::string_view text) {
  std::string clean(text);
  for (char& c : clean) {
    const auto byte = static_cast<unsigned char>(c);
    c = byte < 0x20 || byte == 0x7F ? ' ' : c;
  }
  return clean;
}

std::size_t display_width(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U;
  }));
}

void TextTable::add_column(std::string header, Align align) {
  m_columns.push_back(Column{printable(header), align});
}

void TextTable::add_row(std::vector<std::string> cells) {
  cells.resize(m_columns.size());
  for (std::string& cell : cells) {
    cell = printable(cell);
  }
  m_rows.push_back(std::move(cells));
}

void TextTable::drop_empty_columns(std::string_view absent) {
  if (m_rows.empty()) {
    return;
  }
  for (std::size_t column = m_columns.size(); column-- > 0;) {
    const bool empty = std::all_of(m_rows.begin(), m_rows.end(), [&](const auto& row) {
      return row[column].empty() || row[column] == absent;
    });
    if (empty) {
      m_columns.erase(m_columns.begin() + static_cast<std::ptrdiff_t>(column));
      for (auto& row : m_rows) {
        row.erase(row.begin() + static_cast<std::ptrdiff_t>(column));
      }
    }
  }
}

std::vector<std::string> TextTable::text_lines() const {
  std::vector<std::size_t> widths;
  for (std::size_t column = 0; column < m_columns.size(); ++column) {
    std::size_t width = display_width(m_columns[column].header);
    for (const auto& row : m_rows) {
      width = std::max(width, display_width(row[column]));
    }
    widths.push_back(width);
  }
  const auto line_of = [&](const auto& cell_at) {
    std::string line;
    for (std::size_t column = 0; column < m_columns.size(); ++column) {
      line += (column == 0 ? "" : "  ") + pad(cell_at(column), widths[column], m_columns[column].align);
    }
    line.erase(line.find_last_not_of(' ') + 1);
    return line;
  };
  std::vector<std::string> lines;
  lines.push_back(line_of([&](std::size_t column) { return m_columns[column].header; }));
  lines.push_back(line_of([&](std::size_t column) { return std::string(widths[column], '-'); }));
  for (const auto& row : m_rows) {
    lines.push_back(line_of([&](std::size_t column) { return row[column]; }));
  }
  return lines;
}

std::string TextTable::markdown() const {
  std::string header = "|";
  std::string rule = "|";
  for (const Column& column : m_columns) {
    header += " " + escape_markdown(column.header) + " |";
    rule += column.align == Align::right ? " ---: |" : " --- |";
  }
  std::string out = header + "\n" + rule + "\n";
  for (const auto& row : m_rows) {
    out += "|";
    for (const std::string& cell : row) {
      out += " " + escape_markdown(cell) + " |";
    }
    out += "\n";
  }
  return out;
}

}  // namespace tokprof::report
