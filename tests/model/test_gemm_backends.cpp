// Every GEMM backend (OpenBLAS and oneDNN for float32; oneDNN and the emulation for bf16)
// against a double-precision reference on the same inputs, per operator: linear layers
// (each epilogue, float32 and bf16 activations, output-row slices) and batched products
// (strided operands, accumulation). The bf16 references multiply the same bf16-rounded
// values, so the bound is float32 accumulation error alone: a backend that rounded twice, or
// dropped the bias, or mixed up a stride fails. Also: converting weights between forms is
// exact, and the backend names are printed.
#include <QTest>
#include <bit>
#include <cmath>
#include <cstring>
#include <random>
#include <vector>

#include "common/error.hpp"
#include "model/gemm.hpp"
#include "model/gemm_bf16.hpp"
#include "model/msa_transformer.hpp"
#include "model/prepared_weights.hpp"
#include "model/weights.hpp"

using namespace axs;
using namespace axs::kernels;

namespace {

struct Config {
    GemmBackends backends;
    Precision precision;
    const char* name;
};

/// The backend combinations this build and CPU offer (printed: the test log records them).
std::vector<Config> availableConfigs() {
    std::vector<Config> out;
    for (Fp32Backend f : {Fp32Backend::OpenBlas, Fp32Backend::OneDnn})
        for (Bf16Backend b : {Bf16Backend::Emulated, Bf16Backend::OneDnn}) {
            try {
                setGemmBackends({f, b});
            } catch (const Error& e) {
                qInfo("not available here: %s", e.what());
                continue;
            }
            if (b == Bf16Backend::Emulated)
                out.push_back({{f, b}, Precision::Fp32, f == Fp32Backend::OneDnn ? "oneDNN fp32" : "OpenBLAS fp32"});
            if (b == Bf16Backend::OneDnn && f == Fp32Backend::OpenBlas) continue;  // bf16 does not use the fp32 library
            out.push_back({{f, b},
                           Precision::Bf16,
                           b == Bf16Backend::OneDnn   ? "oneDNN bf16"
                           : f == Fp32Backend::OneDnn ? "emulated bf16 (oneDNN fp32)"
                                                      : "emulated bf16 (OpenBLAS fp32)"});
        }
    return out;
}

std::vector<float> randomVector(size_t n, uint32_t seed, float scale = 1.f) {
    std::mt19937 rng(seed);
    std::normal_distribution<float> d(0.f, scale);
    std::vector<float> v(n);
    for (float& x : v) x = d(rng);
    return v;
}

float roundedActivation(float v) { return fromBf16(toBf16(v)); }
/// The bf16 value of a weight as the bf16 forms hold it (ties away from zero).
float roundedWeight(float v) {
    uint32_t u;
    std::memcpy(&u, &v, 4);
    return fromBf16(weightHigh(u));
}

double gelu(double z) { return 0.5 * z * (1.0 + std::erf(z / std::sqrt(2.0))); }

/// Fails with the position when |actual - expected| exceeds bound.
void expectWithin(const std::vector<float>& actual, const std::vector<double>& expected,
                  const std::vector<double>& bound, const QString& what) {
    QCOMPARE(actual.size(), expected.size());
    for (size_t i = 0; i < actual.size(); ++i)
        if (!(std::fabs(actual[i] - expected[i]) <= bound[i]))
            QFAIL(qPrintable(QString("%1: element %2 is %3, reference %4 (bound %5)")
                                 .arg(what)
                                 .arg(i)
                                 .arg(actual[i], 0, 'g', 9)
                                 .arg(expected[i], 0, 'g', 9)
                                 .arg(bound[i], 0, 'g', 3)));
}

constexpr double kFloatEps = 1.0 / (1 << 23);

}  // namespace

class TestGemmBackends : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        const GemmBackends chosen = gemmBackends();
        qInfo("backends chosen here: float32 %s, bf16 %s", gemmBackendName(), bf16BackendName());
        QVERIFY(chosen.fp32 == Fp32Backend::OneDnn || chosen.fp32 == Fp32Backend::OpenBlas);
        configs_ = availableConfigs();
        for (const Config& c : configs_) qInfo("testing %s", c.name);
        QVERIFY(configs_.size() >= 2);  // OpenBLAS and the emulation exist everywhere
        saved_ = chosen;
    }
    void cleanupTestCase() { setGemmBackends(saved_); }

    void linearLayersMatchReference() {
        // Odd sizes: no backend may assume multiples; the second is deeper than the blocks
        // of k the libraries split a product into (a few hundred), so partial sums are carried.
        struct Shape {
            int n, in, out;
        };
        for (const Shape s : {Shape{37, 96, 80}, Shape{13, 1000, 70}})
            for (const Config& c : configs_) {
                setGemmBackends(c.backends);
                const bool bf16 = c.precision == Precision::Bf16;
                for (Epilogue e : {Epilogue::Store, Epilogue::Accumulate, Epilogue::Gelu})
                    for (Elem xType : {Elem::F32, Elem::Bf16})
                        for (Elem yType : {Elem::F32, Elem::Bf16}) {
                            if (!bf16 && (xType == Elem::Bf16 || yType == Elem::Bf16)) continue;  // float32 throughout
                            if (e == Epilogue::Accumulate && yType == Elem::Bf16) continue;  // residuals are float32
                            for (auto [first, count] : {std::pair{0, s.out}, std::pair{16, 48}}) {
                                checkLinear(c, e, xType, yType, s.n, s.in, s.out, first, count);
                                if (QTest::currentTestFailed()) return;
                            }
                        }
            }
    }

    void batchedProductsMatchReference() {
        for (const Config& c : configs_) {
            setGemmBackends(c.backends);
            const Elem t = computeElem(c.precision);
            for (Elem cType : {Elem::F32, Elem::Bf16})
                for (bool accumulate : {false, true}) {
                    if (accumulate && cType == Elem::Bf16) continue;
                    if (c.precision == Precision::Fp32 && cType == Elem::Bf16) continue;
                    checkBatched(c, t, cType, accumulate);
                    if (QTest::currentTestFailed()) return;
                }
        }
    }

    void weightFormsRoundTripExactly() {
        LinearWeights w;
        w.out = 48;
        w.in = 40;
        w.weight = randomVector(48 * 40, 11, 0.05f);
        // Values whose low half is exactly 0x8000 (a rounding tie) and 0x7FFF.
        uint32_t tie = 0x3F808000u, below = 0xBD237FFFu;
        std::memcpy(&w.weight[3], &tie, 4);
        std::memcpy(&w.weight[4], &below, 4);
        w.bias = randomVector(48, 12);
        const std::vector<float> original = w.weight;
        for (const Config& c : configs_) {
            setGemmBackends(c.backends);
            prepareLinear(w, c.precision, {{0, 16}, {16, 32}});
            prepareLinear(w, Precision::Fp32);  // back to float32 in this backend's form
            setGemmBackends({Fp32Backend::OpenBlas, c.backends.bf16});
            prepareLinear(w, Precision::Fp32);  // plain float32
            QVERIFY2(w.weight.size() == original.size() &&
                         std::memcmp(w.weight.data(), original.data(), original.size() * 4) == 0,
                     c.name);
        }
        QVERIFY(roundedWeight(std::bit_cast<float>(tie)) == std::bit_cast<float>(0x3F810000u));
    }

    void unavailableBackendIsNamed() {
        try {
            setGemmBackends({Fp32Backend::OneDnn, Bf16Backend::OneDnn});
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains("oneDNN"), e.what());
            return;
        }
        setGemmBackends(saved_);
        QSKIP("every backend is available on this machine");
    }

private:
    void checkLinear(const Config& c, Epilogue e, Elem xType, Elem yType, int n, int in, int out, int first,
                     int count) {
        const bool bf16 = c.precision == Precision::Bf16;
        LinearWeights w;
        w.out = out;
        w.in = in;
        w.weight = randomVector(size_t(out) * in, 1, 0.1f);
        w.bias = randomVector(size_t(out), 2, 0.1f);
        const std::vector<float> wf = w.weight;
        std::vector<float> x = randomVector(size_t(n) * in, 3);
        std::vector<uint16_t> xb(x.size());
        for (size_t i = 0; i < x.size(); ++i) xb[i] = toBf16(x[i]);
        if (xType == Elem::Bf16)
            for (size_t i = 0; i < x.size(); ++i) x[i] = fromBf16(xb[i]);
        const std::vector<float> y0 = randomVector(size_t(n) * count, 4);  // Accumulate adds to this

        std::vector<double> expected(y0.size()), bound(y0.size());
        for (int t = 0; t < n; ++t)
            for (int o = 0; o < count; ++o) {
                double sum = w.bias[first + o], magnitude = std::fabs(w.bias[first + o]);
                for (int k = 0; k < in; ++k) {
                    const double a = bf16 ? roundedActivation(x[size_t(t) * in + k]) : x[size_t(t) * in + k];
                    const double b =
                        bf16 ? roundedWeight(wf[size_t(first + o) * in + k]) : wf[size_t(first + o) * in + k];
                    sum += a * b;
                    magnitude += std::fabs(a * b);
                }
                double v = sum;
                if (e == Epilogue::Gelu) v = gelu(sum);
                if (e == Epilogue::Accumulate)
                    v += y0[size_t(t) * count + o], magnitude += std::fabs(y0[size_t(t) * count + o]);
                // Float32 accumulation of `in` products, any order; GELU's slope is below 1.13 and
                // its vectorised erf is good to a few float32 ulp; a bf16 output is rounded once.
                double b = 2.0 * (in + 2) * kFloatEps * magnitude * (e == Epilogue::Gelu ? 1.13 : 1.0) +
                           8 * kFloatEps * std::fabs(v) + 1e-30;
                if (yType == Elem::Bf16) b += std::ldexp(std::fabs(v), -8) * 1.01;
                expected[size_t(t) * count + o] = v;
                bound[size_t(t) * count + o] = b;
            }

        prepareLinear(
            w, c.precision,
            first == 0 && count == out
                ? std::vector<std::pair<int, int>>{}
                : std::vector<std::pair<int, int>>{{0, first}, {first, count}, {first + count, out - first - count}});
        std::vector<float> y(y0.size());
        std::vector<uint16_t> yb(y0.size());
        if (e == Epilogue::Accumulate) y = y0;
        const void* xp = xType == Elem::F32 ? static_cast<const void*>(x.data()) : xb.data();
        void* yp = yType == Elem::F32 ? static_cast<void*>(y.data()) : yb.data();
        try {
            linear(xp, xType, n, w, yp, yType, e, c.precision, first, count);
        } catch (const std::exception& ex) {
            QFAIL(qPrintable(QString("%1, linear %2 -> %3, epilogue %4, rows %5+%6: %7")
                                 .arg(c.name)
                                 .arg(xType == Elem::F32 ? "f32" : "bf16")
                                 .arg(yType == Elem::F32 ? "f32" : "bf16")
                                 .arg(int(e))
                                 .arg(first)
                                 .arg(count)
                                 .arg(ex.what())));
        }
        if (yType == Elem::Bf16)
            for (size_t i = 0; i < y.size(); ++i) y[i] = fromBf16(yb[i]);
        expectWithin(y, expected, bound,
                     QString("%1, linear %2 -> %3, epilogue %4, rows %5+%6")
                         .arg(c.name)
                         .arg(xType == Elem::F32 ? "f32" : "bf16")
                         .arg(yType == Elem::F32 ? "f32" : "bf16")
                         .arg(int(e))
                         .arg(first)
                         .arg(count));
    }

    void checkBatched(const Config& c, Elem t, Elem cType, bool accumulate) {
        // batch 5 of (m x k)·(k x n) with padded leading dimensions and gaps between matrices.
        const int64_t batch = 5, m = 19, n = 23, k = 70, lda = k + 3, ldb = n + 5, ldc = n + 2;
        const int64_t sa = m * lda + 7, sb = k * ldb + 1, sc = m * ldc + 4;
        const std::vector<float> af = randomVector(size_t(batch * sa), 5), bf = randomVector(size_t(batch * sb), 6);
        std::vector<float> a = af, b = bf;
        std::vector<uint16_t> a16(a.size()), b16(b.size());
        for (size_t i = 0; i < a.size(); ++i) a16[i] = toBf16(af[i]), a[i] = t == Elem::Bf16 ? fromBf16(a16[i]) : af[i];
        for (size_t i = 0; i < b.size(); ++i) b16[i] = toBf16(bf[i]), b[i] = t == Elem::Bf16 ? fromBf16(b16[i]) : bf[i];
        const std::vector<float> c0 = randomVector(size_t(batch * sc), 7);
        std::vector<float> out = accumulate ? c0 : std::vector<float>(c0.size(), 0.f);
        std::vector<uint16_t> out16(c0.size(), 0);

        BatchedGemm g;
        g.batch = batch;
        g.m = m;
        g.n = n;
        g.k = k;
        g.a = {t == Elem::F32 ? static_cast<const void*>(a.data()) : a16.data(), t, lda, sa};
        g.b = {t == Elem::F32 ? static_cast<const void*>(b.data()) : b16.data(), t, ldb, sb};
        g.c = cType == Elem::F32 ? static_cast<void*>(out.data()) : out16.data();
        g.cType = cType;
        g.ldc = ldc;
        g.strideC = sc;
        g.accumulate = accumulate;
        batchedGemm(g);

        std::vector<float> actual;
        std::vector<double> expected, bound;
        for (int64_t i = 0; i < batch; ++i)
            for (int64_t r = 0; r < m; ++r)
                for (int64_t col = 0; col < n; ++col) {
                    double sum = 0, magnitude = 0;
                    for (int64_t q = 0; q < k; ++q) {
                        const double p = double(a[i * sa + r * lda + q]) * b[i * sb + q * ldb + col];
                        sum += p;
                        magnitude += std::fabs(p);
                    }
                    const size_t at = size_t(i * sc + r * ldc + col);
                    if (accumulate) sum += c0[at], magnitude += std::fabs(c0[at]);
                    double bnd = 2.0 * (k + 2) * kFloatEps * magnitude + 1e-30;
                    if (cType == Elem::Bf16) bnd += std::ldexp(std::fabs(sum), -8) * 1.01;
                    actual.push_back(cType == Elem::F32 ? out[at] : fromBf16(out16[at]));
                    expected.push_back(sum);
                    bound.push_back(bnd);
                }
        expectWithin(actual, expected, bound,
                     QString("%1, batched %2 -> %3%4")
                         .arg(c.name)
                         .arg(t == Elem::F32 ? "f32" : "bf16")
                         .arg(cType == Elem::F32 ? "f32" : "bf16")
                         .arg(accumulate ? ", accumulating" : ""));
        // Outside the matrices nothing is written.
        for (int64_t i = 0; i < batch; ++i)
            for (int64_t r = 0; r < m; ++r)
                for (int64_t col = n; col < ldc; ++col) {
                    const size_t at = size_t(i * sc + r * ldc + col);
                    if (cType == Elem::F32 ? out[at] != (accumulate ? c0[at] : 0.f) : out16[at] != 0)
                        QFAIL(qPrintable(QString("%1: batched product wrote outside C at %2").arg(c.name).arg(at)));
                }
    }

    std::vector<Config> configs_;
    GemmBackends saved_;
};

QTEST_APPLESS_MAIN(TestGemmBackends)
#include "test_gemm_backends.moc"
