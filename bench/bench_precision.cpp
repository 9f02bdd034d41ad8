// How far the bf16 precision moves the predicted contacts away from exact (float32) mode on
// real MSAs: per MSA, the share of the top-L long-range contacts (separation >= 24) the two
// modes have in common, the largest absolute probability difference, and both run times.
//
//   bench_precision [--model PATH|NAME] [--max-seqs 64] [--threads 2] MSA[:QUERY_ROW] ...
//
// Without --model the official-size architecture with seeded random weights is used (the
// released weights cannot be downloaded everywhere); random attention maps are flatter than
// trained ones, so near-ties in the ranking make the top-L overlap a pessimistic figure.
// Rows: the query (row QUERY_ROW, default 0) first, then greedy subsampling as the
// official contact notebook does.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <utility>
#include <vector>

#include "checkpoint/checkpoint.hpp"
#include "model/gemm_bf16.hpp"
#include "model/msa_transformer.hpp"
#include "msa/msa_io.hpp"
#include "msa/subsample.hpp"
#include "msa/tokenizer.hpp"

namespace {

constexpr int64_t kLongRange = 24;

/// Index pairs (i < j, j - i >= kLongRange) of the `count` highest scores of a T x T map.
std::vector<std::pair<int64_t, int64_t>> topLongRange(const float* map, int64_t T, size_t count) {
    std::vector<std::pair<int64_t, int64_t>> pairs;
    for (int64_t i = 0; i < T; ++i)
        for (int64_t j = i + kLongRange; j < T; ++j) pairs.emplace_back(i, j);
    count = std::min(count, pairs.size());
    std::partial_sort(
        pairs.begin(), pairs.begin() + static_cast<std::ptrdiff_t>(count), pairs.end(),
        [&](const auto& a, const auto& b) { return map[a.first * T + a.second] > map[b.first * T + b.second]; });
    pairs.resize(count);
    std::sort(pairs.begin(), pairs.end());
    return pairs;
}

struct Run {
    axs::TensorF contacts;
    double seconds = 0.0;
};

Run predict(const axs::MsaTransformer& model, const axs::TensorI64& tokens, axs::Precision precision, int threads) {
    axs::ForwardOptions o;
    o.contacts = true;
    o.threads = threads;
    o.precision = precision;
    const auto start = std::chrono::steady_clock::now();
    Run run{model.forward(tokens, o).contacts, 0.0};
    run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return run;
}

}  // namespace

int main(int argc, char** argv) try {
    std::string modelArg;
    size_t maxSeqs = 64;
    int threads = 2;
    std::vector<std::string> msas;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto next = [&]() -> std::string {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "%s needs a value\n", a.c_str());
                std::exit(2);
            }
            return argv[++i];
        };
        if (a == "--model")
            modelArg = next();
        else if (a == "--max-seqs")
            maxSeqs = static_cast<size_t>(std::stoul(next()));
        else if (a == "--threads")
            threads = std::stoi(next());
        else if (a.rfind("--", 0) == 0) {
            std::fprintf(stderr, "unknown option %s\n", a.c_str());
            return 2;
        } else
            msas.push_back(a);
    }
    if (msas.empty()) {
        std::fprintf(stderr,
                     "usage: bench_precision [--model PATH] [--max-seqs 64] [--threads 2] MSA[:QUERY_ROW] ...\n");
        return 2;
    }
    const axs::MsaTransformer model =
        modelArg.empty() ? axs::MsaTransformer::withRandomWeights(axs::ModelConfig::esmMsa1b(), 0)
                         : axs::MsaTransformer::fromCheckpoint(axs::loadCheckpoint(axs::resolveModelPath(modelArg)));
    std::printf("model: %s; bf16 products in hardware: %s; %d threads; up to %zu rows (greedy)\n",
                modelArg.empty() ? "official size, random weights (seed 0)" : modelArg.c_str(),
                axs::kernels::bf16Accelerated() ? "yes" : "no (emulated, same rounding)", threads, maxSeqs);
    std::printf("%-28s %9s %10s %12s %10s %9s %9s\n", "MSA", "rows x L", "top-L same", "max |dp|", "mean |dp|",
                "fp32 s", "bf16 s");
    for (const std::string& spec : msas) {
        const auto colon = spec.rfind(':');
        const bool hasRow = colon != std::string::npos && colon + 1 < spec.size() &&
                            spec.find_first_not_of("0123456789", colon + 1) == std::string::npos;
        const std::string path = hasRow ? spec.substr(0, colon) : spec;
        axs::Msa msa = axs::readMsa(path);
        if (hasRow) msa = axs::withQueryFirst(msa, std::stoul(spec.substr(colon + 1)));
        if (msa.depth() > maxSeqs) msa = axs::subsample(msa, maxSeqs, axs::SubsampleMode::Greedy);
        const axs::TensorI64 tokens = axs::tokenizeMsa(msa);
        const Run exact = predict(model, tokens, axs::Precision::Fp32, threads);
        const Run fast = predict(model, tokens, axs::Precision::Bf16, threads);
        const int64_t T = exact.contacts.shape[1];
        double maxDiff = 0.0, sumDiff = 0.0;
        for (size_t k = 0; k < exact.contacts.size(); ++k) {
            const double diff = std::fabs(static_cast<double>(exact.contacts.data[k]) - fast.contacts.data[k]);
            maxDiff = std::max(maxDiff, diff);
            sumDiff += diff;
        }
        const auto a = topLongRange(exact.contacts.ptr(), T, static_cast<size_t>(T));
        const auto b = topLongRange(fast.contacts.ptr(), T, static_cast<size_t>(T));
        std::vector<std::pair<int64_t, int64_t>> common;
        std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(common));
        const std::string name = path.substr(path.find_last_of('/') + 1);
        std::printf("%-28s %4zux%-4lld %9.1f%% %12.2e %10.2e %9.2f %9.2f\n", name.c_str(), msa.depth(),
                    static_cast<long long>(T),
                    a.empty() ? 100.0 : 100.0 * static_cast<double>(common.size()) / static_cast<double>(a.size()),
                    maxDiff, sumDiff / static_cast<double>(exact.contacts.size()), exact.seconds, fast.seconds);
        std::fflush(stdout);
    }
    return 0;
} catch (const std::exception& e) {
    std::fprintf(stderr, "bench_precision: %s\n", e.what());
    return 1;
}
