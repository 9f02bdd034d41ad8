#include "model/onednn_gemm.hpp"

#ifdef AXS_HAVE_DNNL

#include <map>
#include <mutex>
#include <oneapi/dnnl/dnnl.hpp>
#include <tuple>
#include <unordered_map>

#include "model/huge_pages.hpp"

namespace axs::kernels::onednn {

namespace {

using dt = dnnl::memory::data_type;
using dims = dnnl::memory::dims;

dnnl::engine& engine() {
    static dnnl::engine e(dnnl::engine::kind::cpu, 0);
    return e;
}

dt dataType(Elem e) { return e == Elem::F32 ? dt::f32 : dt::bf16; }

/// Runs `p` on the calling thread's stream and waits (the CPU engine runs it on the OpenMP
/// threads; inside a parallel region, on the calling thread alone).
void execute(const dnnl::primitive& p, const std::unordered_map<int, dnnl::memory>& args) {
    thread_local dnnl::stream stream(engine());
    p.execute(stream, args);
    stream.wait();
}

dnnl::primitive_attr attributes(Epilogue epilogue) {
    dnnl::primitive_attr attr;
    dnnl::post_ops ops;
    if (epilogue == Epilogue::Accumulate) ops.append_sum(1.f);
    if (epilogue == Epilogue::Gelu) ops.append_eltwise(1.f, dnnl::algorithm::eltwise_gelu_erf, 0.f, 0.f);
    attr.set_post_ops(ops);
    return attr;
}

/// Primitives are built once per shape: a forward pass asks for a few dozen shapes thousands
/// of times. oneDNN caches primitives too, but the descriptor work happens before its cache.
class PrimitiveCache {
public:
    template <class Key, class Make>
    dnnl::matmul get(const Key& key, Make make) {
        const std::lock_guard<std::mutex> lock(mutex_);
        auto& table = tables<Key>();
        if (auto it = table.find(key); it != table.end()) return it->second;
        if (table.size() >= kMaxEntries) table.clear();  // a long session with many shapes
        dnnl::matmul m = make();
        table.emplace(key, m);
        return m;
    }

private:
    static constexpr size_t kMaxEntries = 512;
    template <class Key>
    std::map<Key, dnnl::matmul>& tables() {
        static std::map<Key, dnnl::matmul> table;  // one per key type, guarded by mutex_
        return table;
    }
    std::mutex mutex_;
};

PrimitiveCache& cache() {
    static PrimitiveCache c;
    return c;
}

const dnnl::memory::desc& layoutOf(const PackedMatrix& p) {
    return *static_cast<const dnnl::memory::desc*>(p.layout.get());
}

template <class F>
auto guarded(const char* what, F f) {
    try {
        return f();
    } catch (const dnnl::error& e) {
        throw OneDnnUnavailable(std::string("oneDNN ") + what + ": " + e.what());
    }
}

/// oneDNN has a matmul kernel for `input` x `input` -> float32 on this CPU.
bool createsMatmul(dt input) {
    try {
        const dnnl::memory::desc a({16, 64}, input, dims{64, 1}), b({64, 64}, input, dims{64, 1}),
            c({16, 64}, dt::f32, dims{64, 1});
        dnnl::matmul::primitive_desc(dnnl::matmul::desc(a, b, c), engine());
        return true;
    } catch (const dnnl::error&) {
        return false;
    }
}

}  // namespace

bool compiledIn() { return true; }

bool fp32Usable() {
    static const bool ok = createsMatmul(dt::f32);
    return ok;
}

bool bf16Hardware() {
    static const bool ok = [] {
        try {
            // The ISA values are bit sets (avx2_vnni is numerically larger but has no bf16).
            const auto isa = static_cast<unsigned>(dnnl::get_effective_cpu_isa());
            const auto bf16 = static_cast<unsigned>(dnnl::cpu_isa::avx512_core_bf16);
            if ((isa & bf16) != bf16) return false;
            return createsMatmul(dt::bf16);
        } catch (const dnnl::error&) {
            return false;
        }
    }();
    return ok;
}

PackedMatrix pack(const void* rows, int64_t n, int64_t k, Elem type) {
    return guarded("packing", [&] {
        // The layout the kernel wants does not depend on the number of tokens (checked for
        // 1 .. 16k on AVX-512): ask once with a typical block.
        const dnnl::memory::desc src({1024, k}, dataType(type), dims{k, 1});
        const dnnl::memory::desc any({k, n}, dataType(type), dnnl::memory::format_tag::any);
        const dnnl::memory::desc dst({1024, n}, dt::f32, dims{n, 1});
        const dnnl::matmul::primitive_desc pd(dnnl::matmul::desc(src, any, dst), engine());
        PackedMatrix p;
        p.k = k;
        p.n = n;
        p.type = type;
        p.layout = std::make_shared<const dnnl::memory::desc>(pd.weights_desc());
        p.bytes = pd.weights_desc().get_size();
        p.data = populatedBytes(p.bytes);
        const dnnl::memory::desc plain({k, n}, dataType(type), dims{1, k});  // W rows = columns of B
        dnnl::memory from(plain, engine(), const_cast<void*>(rows)), to(layoutOf(p), engine(), p.data.get());
        execute(dnnl::reorder(from, to), {{DNNL_ARG_FROM, from}, {DNNL_ARG_TO, to}});
        return p;
    });
}

void unpack(const PackedMatrix& p, void* rows) {
    guarded("unpacking", [&] {
        const dnnl::memory::desc plain({p.k, p.n}, dataType(p.type), dims{1, p.k});
        dnnl::memory from(layoutOf(p), engine(), p.data.get()), to(plain, engine(), rows);
        execute(dnnl::reorder(from, to), {{DNNL_ARG_FROM, from}, {DNNL_ARG_TO, to}});
        return 0;
    });
}

void linear(const void* x, Elem xType, int64_t ldx, int64_t m, const PackedMatrix& w, const float* bias, void* y,
            Elem yType, int64_t ldy, Epilogue epilogue) {
    guarded("linear layer", [&] {
        const auto key = std::make_tuple(m, w.k, w.n, ldx, ldy, static_cast<int>(xType), static_cast<int>(yType),
                                         static_cast<int>(w.type), static_cast<int>(epilogue), bias != nullptr);
        const dnnl::matmul mm = cache().get(key, [&] {
            const dnnl::memory::desc src({m, w.k}, dataType(xType), dims{ldx, 1});
            const dnnl::memory::desc dst({m, w.n}, dataType(yType), dims{ldy, 1});
            const dnnl::memory::desc b =
                bias ? dnnl::memory::desc({1, w.n}, dt::f32, dims{w.n, 1}) : dnnl::memory::desc();
            return dnnl::matmul(dnnl::matmul::primitive_desc(dnnl::matmul::desc(src, layoutOf(w), b, dst),
                                                             attributes(epilogue), engine()));
        });
        const dnnl::memory::desc src({m, w.k}, dataType(xType), dims{ldx, 1});
        const dnnl::memory::desc dst({m, w.n}, dataType(yType), dims{ldy, 1});
        std::unordered_map<int, dnnl::memory> args{
            {DNNL_ARG_SRC, dnnl::memory(src, engine(), const_cast<void*>(x))},
            {DNNL_ARG_WEIGHTS, dnnl::memory(layoutOf(w), engine(), w.data.get())},
            {DNNL_ARG_DST, dnnl::memory(dst, engine(), y)}};
        if (bias)
            args.emplace(DNNL_ARG_BIAS, dnnl::memory(dnnl::memory::desc({1, w.n}, dt::f32, dims{w.n, 1}), engine(),
                                                     const_cast<float*>(bias)));
        execute(mm, args);
        return 0;
    });
}

void batched(const BatchedGemm& g) {
    guarded("batched product", [&] {
        const dnnl::memory::desc a({g.batch, g.m, g.k}, dataType(g.a.type), dims{g.a.stride, g.a.ld, 1});
        const dnnl::memory::desc b({g.batch, g.k, g.n}, dataType(g.b.type), dims{g.b.stride, g.b.ld, 1});
        const dnnl::memory::desc c({g.batch, g.m, g.n}, dataType(g.cType), dims{g.strideC, g.ldc, 1});
        const auto key =
            std::make_tuple(g.batch, g.m, g.n, g.k, g.a.ld, g.a.stride, g.b.ld, g.b.stride, g.ldc, g.strideC,
                            static_cast<int>(g.a.type) * 4 + static_cast<int>(g.cType), g.accumulate);
        const dnnl::matmul mm = cache().get(key, [&] {
            return dnnl::matmul(dnnl::matmul::primitive_desc(
                dnnl::matmul::desc(a, b, c), attributes(g.accumulate ? Epilogue::Accumulate : Epilogue::Store),
                engine()));
        });
        execute(mm, {{DNNL_ARG_SRC, dnnl::memory(a, engine(), const_cast<void*>(g.a.data))},
                     {DNNL_ARG_WEIGHTS, dnnl::memory(b, engine(), const_cast<void*>(g.b.data))},
                     {DNNL_ARG_DST, dnnl::memory(c, engine(), g.c)}});
        return 0;
    });
}

}  // namespace axs::kernels::onednn

#else  // no oneDNN in this build

namespace axs::kernels::onednn {

namespace {
[[noreturn]] void missing() { throw OneDnnUnavailable("this build has no oneDNN"); }
}  // namespace

bool compiledIn() { return false; }
bool fp32Usable() { return false; }
bool bf16Hardware() { return false; }
PackedMatrix pack(const void*, int64_t, int64_t, Elem) { missing(); }
void unpack(const PackedMatrix&, void*) { missing(); }
void linear(const void*, Elem, int64_t, int64_t, const PackedMatrix&, const float*, void*, Elem, int64_t, Epilogue) {
    missing();
}
void batched(const BatchedGemm&) { missing(); }

}  // namespace axs::kernels::onednn

#endif
