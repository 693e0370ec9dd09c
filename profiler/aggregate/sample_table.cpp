#include "sample_table.hpp"

#include <algorithm>
#include <cstring>
#include <utility>

namespace tokprof::aggregate {
namespace {

// Entry::present: which of the optional numbers a sample has. The usage
// fields take bits 0-4 in ReportedUsage's order.
constexpr std::uint8_t k_has_score = 1U << 5;
constexpr std::uint8_t k_has_cost = 1U << 6;

constexpr std::uint8_t usage_bit(int field) { return static_cast<std::uint8_t>(1U << field); }

}  // namespace

std::uint32_t NameIndex::add(std::string_view name) {
  if (m_last < m_names.size() && m_names[m_last] == name) {
    return m_last;
  }
  auto found = m_index.find(name);
  if (found == m_index.end()) {
    found = m_index.emplace(std::string(name), static_cast<std::uint32_t>(m_names.size())).first;
    m_names.emplace_back(name);
  }
  m_last = found->second;
  return m_last;
}

void NameIndex::rename(const std::string& from, const std::string& to) {
  const auto found = m_index.find(from);
  if (found == m_index.end() || from == to) {
    return;
  }
  const std::uint32_t index = found->second;
  m_index.erase(found);
  m_index.emplace(to, index);  // keeps an existing `to` where it is
  m_names[index] = to;
}

ReportedUsage SampleTable::Entry::reported_usage() const {
  return {usage_field(0), usage_field(1), usage_field(2), usage_field(3), usage_field(4)};
}

std::optional<std::int64_t> SampleTable::Entry::usage_field(int field) const {
  if ((present & usage_bit(field)) == 0) {
    return std::nullopt;
  }
  return usage[static_cast<std::size_t>(field)];
}

std::optional<double> SampleTable::Entry::score_value() const {
  return (present & k_has_score) != 0 ? std::optional<double>(score) : std::nullopt;
}

std::optional<double> SampleTable::Entry::reported_cost() const {
  return (present & k_has_cost) != 0 ? std::optional<double>(reported_cost_usd) : std::nullopt;
}

SampleTable::SampleTable(const std::vector<Sample>& samples) {
  for (const Sample& sample : samples) {
    add(sample);
  }
}

SampleTable::SampleTable(SampleTable&& other) noexcept { *this = std::move(other); }

SampleTable& SampleTable::operator=(SampleTable&& other) noexcept {
  if (this != &other) {
    m_blocks = std::exchange(other.m_blocks, {});
    m_size = std::exchange(other.m_size, 0);
    m_released = std::exchange(other.m_released, 0);
    m_ids = std::exchange(other.m_ids, {});
    m_models = std::exchange(other.m_models, {});
    m_tasks = std::exchange(other.m_tasks, {});
    m_files = std::exchange(other.m_files, {});
    m_tokenizers = std::exchange(other.m_tokenizers, {});
  }
  return *this;
}

std::string_view IdArena::store(std::string_view bytes) {
  if (bytes.empty()) {
    return {"", 0};  // not null: memcpy and memcmp may be handed its data()
  }
  if (bytes.size() > m_left) {
    // A new block; bytes longer than a block get a block of their own.
    const std::size_t size = std::max(bytes.size(), k_block);
    m_blocks.push_back(std::make_unique<char[]>(size));
    m_next = m_blocks.back().get();
    m_left = size;
  }
  char* stored = m_next;
  std::memcpy(stored, bytes.data(), bytes.size());
  m_next += bytes.size();
  m_left -= bytes.size();
  return {stored, bytes.size()};
}

void SampleTable::add(const Sample& sample) {
  if (m_size % k_block_entries == 0) {
    m_blocks.push_back(std::make_unique<Entry[]>(k_block_entries));
  }
  Entry& entry = m_blocks.back()[m_size % k_block_entries];
  if (!m_ids) {
    m_ids = std::make_shared<IdArena>();
  }
  entry.id = m_ids->store(sample.sample_id).data();
  entry.id_size = static_cast<std::uint32_t>(sample.sample_id.size());
  entry.model = m_models.add(sample.model);
  entry.task = m_tasks.add(sample.task);
  entry.file = m_files.add(sample.file.str());
  entry.tokenizer = m_tokenizers.add(sample.tokenizer);
  entry.tokenizer_exact = sample.tokenizer_exact;
  entry.epoch = sample.epoch;
  entry.line = sample.line;
  entry.counted_output_tokens = sample.counted_output_tokens;
  entry.counted_reasoning_tokens = sample.counted_reasoning_tokens;
  const ReportedUsage& usage = sample.usage;
  const std::optional<std::int64_t> fields[] = {usage.input, usage.output, usage.reasoning, usage.cache_read,
                                                usage.cache_write};
  unsigned present = 0;
  for (int field = 0; field < 5; ++field) {
    const auto& value = fields[field];
    entry.usage[static_cast<std::size_t>(field)] = value.value_or(0);
    present |= value ? usage_bit(field) : 0U;
  }
  entry.score = sample.score.value_or(0);
  present |= sample.score ? k_has_score : 0U;
  entry.reported_cost_usd = sample.reported_cost_usd.value_or(0);
  present |= sample.reported_cost_usd ? k_has_cost : 0U;
  entry.present = static_cast<std::uint8_t>(present);
  ++m_size;
}

Sample SampleTable::sample(std::size_t i) const { return sample(i, files()[(*this)[i].file]); }

Sample SampleTable::sample(std::size_t i, const SharedString& file) const {
  const Entry& entry = (*this)[i];
  Sample sample;
  sample.model = models()[entry.model];
  sample.task = tasks()[entry.task];
  sample.sample_id = std::string(entry.sample_id());
  sample.epoch = entry.epoch;
  sample.counted_output_tokens = entry.counted_output_tokens;
  sample.counted_reasoning_tokens = entry.counted_reasoning_tokens;
  sample.usage = entry.reported_usage();
  sample.score = entry.score_value();
  sample.reported_cost_usd = entry.reported_cost();
  sample.tokenizer = tokenizers()[entry.tokenizer];
  sample.tokenizer_exact = entry.tokenizer_exact;
  sample.file = file;
  sample.line = entry.line;
  return sample;
}

std::vector<Sample> SampleTable::samples() const {
  std::vector<Sample> out;
  out.reserve(m_size);
  const std::vector<SharedString> files(this->files().begin(), this->files().end());  // one copy of each name
  for (std::size_t i = 0; i < m_size; ++i) {
    out.push_back(sample(i, files[(*this)[i].file]));
  }
  return out;
}

void SampleTable::release_before(std::size_t end) {
  for (std::size_t block = end / k_block_entries; block > m_released;) {
    m_blocks[--block].reset();
  }
  m_released = std::max(m_released, end / k_block_entries);
}

void SampleTable::rename_file(const std::string& from, const std::string& to) { m_files.rename(from, to); }

}  // namespace tokprof::aggregate
