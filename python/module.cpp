// `import tokprof`: exact BPE counting and the profile contract in-process.
// Every call that does real work releases the GIL; batches (lists of texts)
// are counted on threads, so tokprof.count(texts) scales with cores even
// from one Python thread.

#include <map>
#include <mutex>

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "base/parallel.hpp"
#include "cli/version.hpp"
#include "records.hpp"
#include "tokenizer/tokenizer.hpp"

namespace py = pybind11;
using tokprof::tokenizer::Rank;
using tokprof::tokenizer::Tokenizer;

namespace {

// Returns the tokenizer `name`, loaded once per process.
const Tokenizer& tokenizer_named(const std::string& name) {
  static std::mutex mutex;
  static std::map<std::string, std::unique_ptr<Tokenizer>> loaded;
  const std::lock_guard lock(mutex);
  auto& slot = loaded[name];
  if (!slot) {
    auto tokenizer = Tokenizer::load(name);
    if (!tokenizer) {
      loaded.erase(name);
      throw py::value_error(tokenizer.error().to_string());
    }
    slot = std::make_unique<Tokenizer>(std::move(*tokenizer));
  }
  return *slot;
}

// Applies `body` to every text of `texts` on `threads` threads, without the GIL.
template <typename Out, typename Body>
std::vector<Out> map_texts(const std::vector<std::string>& texts, std::size_t threads, Body body) {
  std::vector<Out> out(texts.size());
  py::gil_scoped_release release;
  tokprof::parallel_for(texts.size(), threads, [&](std::size_t i) { out[i] = body(texts[i]); }, 8);
  return out;
}

py::object count(const py::object& texts, const std::string& encoding, std::size_t threads) {
  const Tokenizer& tokenizer = tokenizer_named(encoding);
  if (py::isinstance<py::str>(texts) || py::isinstance<py::bytes>(texts)) {
    const auto text = texts.cast<std::string>();
    py::gil_scoped_release release;
    const std::size_t n = tokenizer.count(text);
    py::gil_scoped_acquire acquire;
    return py::int_(n);
  }
  const auto batch = texts.cast<std::vector<std::string>>();
  return py::cast(map_texts<std::size_t>(batch, threads, [&](const std::string& t) { return tokenizer.count(t); }));
}

py::object encode(const py::object& texts, const std::string& encoding, std::size_t threads) {
  const Tokenizer& tokenizer = tokenizer_named(encoding);
  if (py::isinstance<py::str>(texts) || py::isinstance<py::bytes>(texts)) {
    const auto text = texts.cast<std::string>();
    std::vector<Rank> ids;
    {
      py::gil_scoped_release release;
      ids = tokenizer.encode(text);
    }
    return py::cast(ids);
  }
  const auto batch = texts.cast<std::vector<std::string>>();
  return py::cast(
      map_texts<std::vector<Rank>>(batch, threads, [&](const std::string& t) { return tokenizer.encode(t); }));
}

// Returns the text of `ids`; bytes that are not UTF-8 are replaced, as
// tiktoken's decode does (decode_bytes gives the raw bytes).
py::str decode(const std::vector<Rank>& ids, const std::string& encoding) {
  auto bytes = tokenizer_named(encoding).decode(ids);
  if (!bytes) {
    throw py::value_error(bytes.error().to_string());
  }
  return py::reinterpret_steal<py::str>(PyUnicode_DecodeUTF8(bytes->data(), static_cast<Py_ssize_t>(bytes->size()), "replace"));
}

py::bytes decode_bytes(const std::vector<Rank>& ids, const std::string& encoding) {
  auto bytes = tokenizer_named(encoding).decode(ids);
  if (!bytes) {
    throw py::value_error(bytes.error().to_string());
  }
  return py::bytes(*bytes);
}

tokprof::python::ProfileSettings settings_of(const std::string& tokenizer, const std::string& average,
                                             std::optional<double> correct_at, const std::string& tokens,
                                             std::size_t threads) {
  return {tokenizer, average, correct_at, tokens, threads};
}

}  // namespace

PYBIND11_MODULE(tokprof, m) {
  m.doc() = "tokprof: exact BPE token counts and token-efficiency profiles";
  m.attr("__version__") = std::string(tokprof::cli::k_tokprof_version);
  m.def("count", &count, py::arg("texts"), py::arg("encoding") = "o200k_base", py::arg("threads") = 0,
        "Token count of a str, or a list of counts for a list of str (counted on threads).");
  m.def("encode", &encode, py::arg("texts"), py::arg("encoding") = "o200k_base", py::arg("threads") = 0,
        "Token ids of a str, or a list of id lists for a list of str.");
  m.def("decode", &decode, py::arg("ids"), py::arg("encoding") = "o200k_base",
        "Text of token ids (invalid UTF-8 replaced).");
  m.def("decode_bytes", &decode_bytes, py::arg("ids"), py::arg("encoding") = "o200k_base", "Bytes of token ids.");
  m.def(
      "profile",
      [](const py::list& records, const std::string& tokenizer, const std::string& average,
         std::optional<double> correct_at, const std::string& tokens, bool per_sample, std::size_t threads) {
        return tokprof::python::profile_records(records, settings_of(tokenizer, average, correct_at, tokens, threads),
                                                per_sample);
      },
      py::arg("records"), py::arg("tokenizer") = "auto", py::arg("average") = "macro",
      py::arg("correct_at") = py::none(), py::arg("tokens") = "auto", py::arg("per_sample") = false,
      py::arg("threads") = 0, "The JSON report (tokprof.report/1) of a list of record dicts, as a dict.");
  m.def(
      "partial",
      [](const py::list& records, const std::string& tokenizer, const std::string& average,
         std::optional<double> correct_at, const std::string& tokens, std::size_t threads) {
        return tokprof::python::partial_of_records(records,
                                                   settings_of(tokenizer, average, correct_at, tokens, threads));
      },
      py::arg("records"), py::arg("tokenizer") = "auto", py::arg("average") = "macro",
      py::arg("correct_at") = py::none(), py::arg("tokens") = "auto", py::arg("threads") = 0,
      "The partial profile (tokprof.partial/1 text) of a list of record dicts, for merge().");
  m.def("merge", &tokprof::python::merge_partial_texts, py::arg("partials"), py::arg("per_sample") = false,
        "The JSON report of partial profile texts (from partial() or `tokprof profile --partial`), as a dict.");
}
