#include "model/prepared_weights.hpp"

#include <malloc.h>

#include <algorithm>
#include <cstring>
#include <mutex>
#include <stdexcept>
#include <string>

#include "common/error.hpp"
#include "model/gemm.hpp"
#include "model/huge_pages.hpp"
#include "model/parallel.hpp"

namespace axs::kernels {

const onednn::PackedMatrix& PreparedMatrix::slice(int64_t first, int64_t count) const {
    for (const Part& p : parts)
        if (p.first == first && p.count == count) return p.packed;
    throw std::logic_error("linear layer slice [" + std::to_string(first) + ", " + std::to_string(first + count) +
                           ") was not prepared");
}

WeightForm formFor(Precision precision, const GemmBackends& b) {
    if (precision == Precision::Bf16)
        return b.bf16 == Bf16Backend::OneDnn ? WeightForm::Bf16Packed : WeightForm::Bf16Plain;
    return b.fp32 == Fp32Backend::OneDnn ? WeightForm::Fp32Packed : WeightForm::Fp32Plain;
}

namespace {

WeightForm currentForm(const LinearWeights& w) { return w.prepared ? w.prepared->form : WeightForm::Fp32Plain; }

/// Puts the exact float32 matrix back into w.weight and drops the prepared form.
void restorePlain(const LinearWeights& w) {
    if (!w.prepared) return;
    const PreparedMatrix& p = *w.prepared;
    if (p.form != WeightForm::Fp32Packed && !p.lowBytes)
        throw Error(
            "this model holds its weights in bfloat16 only (prepared for Bf16 with the float32 weights "
            "released), so it cannot run in Fp32 or change GEMM backend; load it again for that");
    const int64_t size = int64_t{w.out} * w.in;
    w.weight.resize(static_cast<size_t>(size));
    float* out = w.weight.data();
    if (p.form == WeightForm::Fp32Packed) {
        for (const PreparedMatrix::Part& part : p.parts) onednn::unpack(part.packed, out + int64_t{part.first} * w.in);
    } else {
        std::shared_ptr<uint8_t[]> unpacked;
        const uint16_t* high = p.high();
        if (p.form == WeightForm::Bf16Packed) {
            unpacked = populatedBytes(static_cast<size_t>(size) * 2);
            auto* rows = reinterpret_cast<uint16_t*>(unpacked.get());
            for (const PreparedMatrix::Part& part : p.parts)
                onednn::unpack(part.packed, rows + int64_t{part.first} * w.in);
            high = rows;
        }
        const uint16_t* low = p.low();
#pragma omp parallel for simd schedule(static) if (worthParallel(size))
        for (int64_t i = 0; i < size; ++i) {
            const uint32_t u = weightBits(high[i], low[i]);
            std::memcpy(out + i, &u, sizeof u);
        }
    }
    w.prepared.reset();
}

std::vector<std::pair<int, int>> checkedSlices(const LinearWeights& w, std::vector<std::pair<int, int>> slices) {
    if (slices.empty()) slices.emplace_back(0, w.out);
    std::sort(slices.begin(), slices.end());
    int next = 0;
    for (const auto& [first, count] : slices) {
        if (first != next || count <= 0) throw std::logic_error("weight slices must cover the output rows once");
        next = first + count;
    }
    if (next != w.out) throw std::logic_error("weight slices must cover the output rows once");
    return slices;
}

bool sameSlices(const PreparedMatrix& p, const std::vector<std::pair<int, int>>& slices) {
    if (p.parts.size() != slices.size()) return false;
    for (size_t i = 0; i < slices.size(); ++i)
        if (p.parts[i].first != slices[i].first || p.parts[i].count != slices[i].second) return false;
    return true;
}

}  // namespace

void prepareLinear(const LinearWeights& w, Precision precision, const std::vector<std::pair<int, int>>& requested,
                   bool keepFloat32) {
    const WeightForm target = formFor(precision, gemmBackends());
    const auto slices = checkedSlices(w, requested);
    if (currentForm(w) == target &&
        (target == WeightForm::Fp32Plain || target == WeightForm::Bf16Plain || sameSlices(*w.prepared, slices))) {
        if (!keepFloat32 && w.prepared) w.prepared->lowBytes.reset();
        return;
    }
    restorePlain(w);
    if (target == WeightForm::Fp32Plain) return;

    auto p = std::make_shared<PreparedMatrix>();
    p->form = target;
    const int64_t size = int64_t{w.out} * w.in;
    if (target == WeightForm::Fp32Packed) {
        for (const auto& [first, count] : slices)
            p->parts.push_back(
                {first, count, onednn::pack(w.weight.data() + int64_t{first} * w.in, count, w.in, Elem::F32)});
    } else {
        std::shared_ptr<uint8_t[]> highBytes = populatedBytes(static_cast<size_t>(size) * 2);
        p->lowBytes = populatedBytes(static_cast<size_t>(size) * 2);
        const float* in = w.weight.data();
        auto* hi = reinterpret_cast<uint16_t*>(highBytes.get());
        auto* lo = reinterpret_cast<uint16_t*>(p->lowBytes.get());
#pragma omp parallel for simd schedule(static) if (worthParallel(size))
        for (int64_t i = 0; i < size; ++i) {
            uint32_t u;
            std::memcpy(&u, in + i, sizeof u);
            hi[i] = weightHigh(u);
            lo[i] = static_cast<uint16_t>(u & 0xFFFFu);
        }
        if (target == WeightForm::Bf16Plain) {
            p->highBytes = std::move(highBytes);
        } else {
            for (const auto& [first, count] : slices)
                p->parts.push_back({first, count, onednn::pack(hi + int64_t{first} * w.in, count, w.in, Elem::Bf16)});
        }
    }
    if (!keepFloat32) p->lowBytes.reset();
    w.prepared = std::move(p);
    w.weight.clear();
    w.weight.shrink_to_fit();
    // The matrix was allocated on its own, often in the middle of the heap: give its pages
    // back now, or converting a model would briefly hold both forms of every matrix.
    malloc_trim(0);
}

void prepareWeights(const MsaTransformer::Weights& w, Precision precision, bool keepFloat32) {
    const GemmBackends b = gemmBackends();
    const WeightForm form = formFor(precision, b);
    const bool release = !keepFloat32 && (form == WeightForm::Bf16Packed || form == WeightForm::Bf16Plain);
    const int key = static_cast<int>(form) * 2 + (release ? 1 : 0);
    const std::lock_guard<std::mutex> lock(w.prepareMutex);
    if (w.preparedFor == key) return;
    const int D = w.config.embedDim;
    for (const LayerWeights& l : w.layers) {
        // Row attention computes q|k in one pass over the rows and v in another (row_attention.cpp).
        prepareLinear(l.row.qkv, precision, {{0, 2 * D}, {2 * D, D}}, !release);
        for (const LinearWeights* p : {&l.row.out, &l.column.qkv, &l.column.out, &l.fc1, &l.fc2})
            prepareLinear(*p, precision, {}, !release);
    }
    prepareLinear(w.lmDense, precision, {}, !release);
    w.preparedFor = key;
}

}  // namespace axs::kernels
