// A plain owning n-dimensional array, row-major (C order), used for every tensor that
// crosses a module boundary (checkpoint weights, model outputs, .npy files).
#pragma once

#include <cstddef>
#include <cstdint>
#include <numeric>
#include <string>
#include <vector>

namespace axs {

template <class T>
struct Tensor {
    std::vector<int64_t> shape;  ///< outermost first
    std::vector<T> data;         ///< row-major, data.size() == product(shape)

    Tensor() = default;
    explicit Tensor(std::vector<int64_t> s, T fill = T{}) : shape(std::move(s)), data(numel(shape), fill) {}

    static size_t numel(const std::vector<int64_t>& s) {
        return static_cast<size_t>(std::accumulate(s.begin(), s.end(), int64_t{1}, std::multiplies<>()));
    }
    size_t size() const { return data.size(); }
    int rank() const { return static_cast<int>(shape.size()); }
    T* ptr() { return data.data(); }
    const T* ptr() const { return data.data(); }

    /// Flat offset of a full index (no bounds check in release builds).
    template <class... I>
    size_t offset(I... idx) const {
        const int64_t ix[] = {static_cast<int64_t>(idx)...};
        size_t off = 0;
        for (size_t d = 0; d < sizeof...(I); ++d)
            off = off * static_cast<size_t>(shape[d]) + static_cast<size_t>(ix[d]);
        return off;
    }
    template <class... I>
    T& at(I... idx) {
        return data[offset(idx...)];
    }
    template <class... I>
    const T& at(I... idx) const {
        return data[offset(idx...)];
    }

    std::string shapeString() const {
        std::string s = "(";
        for (size_t i = 0; i < shape.size(); ++i) s += (i ? " x " : "") + std::to_string(shape[i]);
        return s + ")";
    }
};

using TensorF = Tensor<float>;
using TensorI64 = Tensor<int64_t>;

}  // namespace axs
