#include "checkpoint/pickle_reader.hpp"

#include <bit>
#include <cstring>
#include <unordered_map>
#include <vector>

#include "checkpoint/allowed_calls.hpp"
#include "common/error.hpp"

namespace axs::pickle {

namespace {

namespace op {
// Opcode bytes, named as in CPython's Lib/pickle.py.
constexpr unsigned char MARK = '(', STOP = '.', POP = '0', POP_MARK = '1', DUP = '2', BININT = 'J', BININT1 = 'K',
                        BININT2 = 'M', NONE = 'N', BINPERSID = 'Q', REDUCE = 'R', BINSTRING = 'T',
                        SHORT_BINSTRING = 'U', BINUNICODE = 'X', APPEND = 'a', BUILD = 'b', GLOBAL = 'c', DICT = 'd',
                        EMPTY_DICT = '}', APPENDS = 'e', BINGET = 'h', LONG_BINGET = 'j', LIST = 'l', EMPTY_LIST = ']',
                        BINPUT = 'q', LONG_BINPUT = 'r', SETITEM = 's', TUPLE = 't', EMPTY_TUPLE = ')', SETITEMS = 'u',
                        BINFLOAT = 'G', PROTO = 0x80, NEWOBJ = 0x81, TUPLE1 = 0x85, TUPLE2 = 0x86, TUPLE3 = 0x87,
                        NEWTRUE = 0x88, NEWFALSE = 0x89, LONG1 = 0x8a, LONG4 = 0x8b, BINBYTES = 'B',
                        SHORT_BINBYTES = 'C', SHORT_BINUNICODE = 0x8c, BINUNICODE8 = 0x8d, BINBYTES8 = 0x8e,
                        EMPTY_SET = 0x8f, ADDITEMS = 0x90, FROZENSET = 0x91, NEWOBJ_EX = 0x92, STACK_GLOBAL = 0x93,
                        MEMOIZE = 0x94, FRAME = 0x95, BYTEARRAY8 = 0x96;
}  // namespace op

constexpr size_t kMaxGlobalLine = 512;

class Reader {
public:
    Reader(const unsigned char* data, size_t size, const std::string& source, const PersistentLoader& persistentLoad,
           const PickleLimits& limits)
        : data_(data), size_(size), source_(source), persistentLoad_(persistentLoad), limits_(limits) {}

    PickleDocument run(size_t* consumed) {
        for (;;) {
            opStart_ = pos_;
            const unsigned char code = u8();
            if (code == op::STOP) {
                if (stack_.size() <= base()) fail("STOP with an empty stack");
                doc_.root = stack_.back();
                if (consumed) *consumed = pos_;
                return std::move(doc_);
            }
            step(code);
        }
    }

private:
    // ---- errors and raw input -------------------------------------------------------
    [[noreturn]] void fail(const std::string& what) const {
        failFile(source_, "corrupt checkpoint pickle: " + what + " (at byte " + std::to_string(opStart_) + ")");
    }
    const unsigned char* take(uint64_t n) {
        if (n > size_ - pos_) fail("truncated data");
        const unsigned char* p = data_ + pos_;
        pos_ += static_cast<size_t>(n);
        return p;
    }
    template <class T>
    T little() {
        T v;
        std::memcpy(&v, take(sizeof(T)), sizeof(T));
        if constexpr (std::endian::native == std::endian::big) v = byteswap(v);
        return v;
    }
    template <class T>
    static T byteswap(T v) {
        unsigned char b[sizeof(T)];
        std::memcpy(b, &v, sizeof(T));
        for (size_t i = 0; i < sizeof(T) / 2; ++i) std::swap(b[i], b[sizeof(T) - 1 - i]);
        std::memcpy(&v, b, sizeof(T));
        return v;
    }
    unsigned char u8() { return *take(1); }
    std::string bytes(uint64_t n) {
        const unsigned char* p = take(n);
        return std::string(reinterpret_cast<const char*>(p), static_cast<size_t>(n));
    }
    std::string line() {
        const size_t start = pos_;
        const size_t limit = std::min(size_, start + kMaxGlobalLine);
        for (size_t i = start; i < limit; ++i) {
            if (data_[i] == '\n') {
                pos_ = i + 1;
                return std::string(reinterpret_cast<const char*>(data_ + start), i - start);
            }
        }
        fail("unterminated or overlong GLOBAL name");
    }

    // ---- stack ------------------------------------------------------------------------
    size_t base() const { return marks_.empty() ? 0 : marks_.back(); }
    PyValue* make(PyKind kind) {
        if (doc_.valueCount() >= limits_.maxValues) fail("too many values");
        return doc_.make(kind);
    }
    void push(PyValue* v) {
        if (stack_.size() >= limits_.maxStack) fail("stack too deep");
        stack_.push_back(v);
    }
    PyValue* pop() {
        if (stack_.size() <= base()) fail("stack underflow");
        PyValue* v = stack_.back();
        stack_.pop_back();
        return v;
    }
    PyValue* top() {
        if (stack_.size() <= base()) fail("stack underflow");
        return stack_.back();
    }
    std::vector<PyValue*> popMark() {
        if (marks_.empty()) fail("missing MARK");
        const size_t b = marks_.back();
        marks_.pop_back();
        std::vector<PyValue*> items(stack_.begin() + static_cast<std::ptrdiff_t>(b), stack_.end());
        stack_.resize(b);
        return items;
    }
    PyValue* memoGet(uint64_t index) {
        const auto it = memo_.find(index);
        if (it == memo_.end()) fail("memo entry " + std::to_string(index) + " is not defined");
        return it->second;
    }
    void memoPut(uint64_t index) {
        if (memo_.size() >= limits_.maxValues) fail("memo too large");
        memo_[index] = top();
    }

    // ---- values -----------------------------------------------------------------------
    void pushInt(int64_t v) {
        PyValue* x = make(PyKind::Int);
        x->integer = v;
        push(x);
    }
    void pushText(PyKind kind, std::string text) {
        PyValue* x = make(kind);
        x->text = std::move(text);
        push(x);
    }
    // LONG1/LONG4 payload: little-endian two's complement.
    void pushLong(uint64_t n) {
        if (n > limits_.maxBigIntBytes) fail("integer too large");
        const unsigned char* p = take(n);
        size_t used = static_cast<size_t>(n);
        const bool negative = used > 0 && (p[used - 1] & 0x80);
        // Drop redundant sign-extension bytes, then see whether it fits in int64.
        while (used > 1 && p[used - 1] == (negative ? 0xff : 0x00) && ((p[used - 2] & 0x80) != 0) == negative) --used;
        if (used <= 8) {
            uint64_t u = negative ? ~uint64_t{0} : 0;
            for (size_t i = 0; i < used; ++i) {
                u &= ~(uint64_t{0xff} << (8 * i));
                u |= uint64_t{p[i]} << (8 * i);
            }
            pushInt(static_cast<int64_t>(u));
            return;
        }
        pushText(PyKind::BigInt, std::string(reinterpret_cast<const char*>(p), used));
    }
    void pushSequence(PyKind kind, std::vector<PyValue*> items) {
        PyValue* x = make(kind);
        x->items = std::move(items);
        push(x);
    }
    PyValue& expect(PyValue* v, PyKind kind, const char* opname) {
        if (v->kind != kind)
            fail(std::string(opname) + " on a " + kindName(v->kind) + " (expected a " + kindName(kind) + ")");
        return *v;
    }
    void pushGlobal(std::string module, std::string name) {
        PyValue* g = make(PyKind::Global);
        g->text = std::move(module);
        g->name = std::move(name);
        push(g);
    }
    void setItems(PyValue& dict, const std::vector<PyValue*>& items) {
        if (items.size() % 2 != 0) fail("SETITEMS with an odd number of values");
        for (size_t i = 0; i < items.size(); i += 2) dict.setItem(items[i], items[i + 1]);
    }
    void call(PyValue* callable, PyValue* args) {
        PyValue* result = applyCall(doc_, *callable, *args, source_);
        if (doc_.valueCount() > limits_.maxValues) fail("too many values");
        push(result);
    }

    void step(unsigned char code) {
        switch (code) {
            case op::PROTO: {
                const unsigned version = u8();
                if (version > 5) fail("unsupported pickle protocol " + std::to_string(version));
                return;
            }
            case op::FRAME: {
                const uint64_t n = little<uint64_t>();
                if (n > size_ - pos_) fail("frame extends beyond the data");
                return;  // frames only group opcodes; nothing to do
            }
            case op::MARK:
                if (marks_.size() >= limits_.maxMarkDepth) fail("MARKs nested too deeply");
                marks_.push_back(stack_.size());
                return;
            case op::POP:
                if (stack_.size() > base())
                    stack_.pop_back();
                else
                    popMark();
                return;
            case op::POP_MARK:
                popMark();
                return;
            case op::DUP:
                push(top());
                return;
            case op::NONE:
                push(make(PyKind::None));
                return;
            case op::NEWTRUE:
            case op::NEWFALSE: {
                PyValue* b = make(PyKind::Bool);
                b->boolean = code == op::NEWTRUE;
                push(b);
                return;
            }
            case op::BININT:
                pushInt(static_cast<int32_t>(little<uint32_t>()));
                return;
            case op::BININT1:
                pushInt(u8());
                return;
            case op::BININT2:
                pushInt(little<uint16_t>());
                return;
            case op::LONG1:
                pushLong(u8());
                return;
            case op::LONG4: {
                const int32_t n = static_cast<int32_t>(little<uint32_t>());
                if (n < 0) fail("negative LONG4 length");
                pushLong(static_cast<uint64_t>(n));
                return;
            }
            case op::BINFLOAT: {
                uint64_t bits;
                std::memcpy(&bits, take(8), 8);
                if constexpr (std::endian::native == std::endian::little) bits = byteswap(bits);  // stored big-endian
                PyValue* f = make(PyKind::Float);
                f->real = std::bit_cast<double>(bits);
                push(f);
                return;
            }
            case op::SHORT_BINUNICODE:
                pushText(PyKind::String, bytes(u8()));
                return;
            case op::BINUNICODE:
                pushText(PyKind::String, bytes(little<uint32_t>()));
                return;
            case op::BINUNICODE8:
                pushText(PyKind::String, bytes(little<uint64_t>()));
                return;
            case op::SHORT_BINSTRING:
                pushText(PyKind::String, bytes(u8()));
                return;
            case op::BINSTRING: {
                const int32_t n = static_cast<int32_t>(little<uint32_t>());
                if (n < 0) fail("negative BINSTRING length");
                pushText(PyKind::String, bytes(static_cast<uint64_t>(n)));
                return;
            }
            case op::SHORT_BINBYTES:
                pushText(PyKind::Bytes, bytes(u8()));
                return;
            case op::BINBYTES:
                pushText(PyKind::Bytes, bytes(little<uint32_t>()));
                return;
            case op::BINBYTES8:
            case op::BYTEARRAY8:
                pushText(PyKind::Bytes, bytes(little<uint64_t>()));
                return;
            case op::EMPTY_TUPLE:
                pushSequence(PyKind::Tuple, {});
                return;
            case op::TUPLE:
                pushSequence(PyKind::Tuple, popMark());
                return;
            case op::TUPLE1:
            case op::TUPLE2:
            case op::TUPLE3: {
                const size_t n = code - op::TUPLE1 + 1u;
                if (stack_.size() < base() + n) fail("stack underflow");
                std::vector<PyValue*> items(stack_.end() - static_cast<std::ptrdiff_t>(n), stack_.end());
                stack_.resize(stack_.size() - n);
                pushSequence(PyKind::Tuple, std::move(items));
                return;
            }
            case op::EMPTY_LIST:
                pushSequence(PyKind::List, {});
                return;
            case op::LIST:
                pushSequence(PyKind::List, popMark());
                return;
            case op::APPEND: {
                PyValue* v = pop();
                PyValue& list = expect(top(), PyKind::List, "APPEND");
                list.items.push_back(v);
                return;
            }
            case op::APPENDS: {
                std::vector<PyValue*> items = popMark();
                PyValue& list = expect(top(), PyKind::List, "APPENDS");
                list.items.insert(list.items.end(), items.begin(), items.end());
                return;
            }
            case op::EMPTY_DICT:
                push(make(PyKind::Dict));
                return;
            case op::DICT: {
                std::vector<PyValue*> items = popMark();
                PyValue* dict = make(PyKind::Dict);
                setItems(*dict, items);
                push(dict);
                return;
            }
            case op::SETITEM: {
                PyValue* value = pop();
                PyValue* key = pop();
                expect(top(), PyKind::Dict, "SETITEM").setItem(key, value);
                return;
            }
            case op::SETITEMS: {
                std::vector<PyValue*> items = popMark();
                setItems(expect(top(), PyKind::Dict, "SETITEMS"), items);
                return;
            }
            case op::EMPTY_SET:
                pushSequence(PyKind::Set, {});
                return;
            case op::ADDITEMS: {
                std::vector<PyValue*> items = popMark();
                PyValue& set = expect(top(), PyKind::Set, "ADDITEMS");
                set.items.insert(set.items.end(), items.begin(), items.end());
                return;
            }
            case op::FROZENSET:
                pushSequence(PyKind::Set, popMark());
                return;
            case op::GLOBAL: {
                std::string module = line();
                std::string name = line();
                pushGlobal(std::move(module), std::move(name));
                return;
            }
            case op::STACK_GLOBAL: {
                PyValue* name = pop();
                PyValue* module = pop();
                if (!name->isString() || !module->isString()) fail("STACK_GLOBAL needs two strings");
                pushGlobal(module->text, name->text);
                return;
            }
            case op::REDUCE: {
                PyValue* args = pop();
                PyValue* callable = pop();
                call(callable, args);
                return;
            }
            case op::NEWOBJ: {
                PyValue* args = pop();
                PyValue* cls = pop();
                call(cls, args);
                return;
            }
            case op::NEWOBJ_EX: {
                PyValue* kwargs = pop();
                PyValue* args = pop();
                PyValue* cls = pop();
                if (kwargs->kind != PyKind::Dict) fail("NEWOBJ_EX keyword arguments are not a dict");
                call(cls, args);
                return;
            }
            case op::BUILD: {
                PyValue* state = pop();
                applyBuild(*top(), state, source_);
                return;
            }
            case op::BINPERSID: {
                PyValue* pid = pop();
                if (!persistentLoad_) fail("unexpected persistent id");
                push(persistentLoad_(doc_, *pid));
                return;
            }
            case op::BINPUT:
                memoPut(u8());
                return;
            case op::LONG_BINPUT:
                memoPut(little<uint32_t>());
                return;
            case op::MEMOIZE:
                memoPut(memo_.size());
                return;
            case op::BINGET:
                push(memoGet(u8()));
                return;
            case op::LONG_BINGET:
                push(memoGet(little<uint32_t>()));
                return;
            default: {
                static const char* hex = "0123456789abcdef";
                fail(std::string("unsupported pickle opcode 0x") + hex[code >> 4] + hex[code & 15]);
            }
        }
    }

    const unsigned char* data_;
    size_t size_;
    size_t pos_ = 0;
    size_t opStart_ = 0;
    const std::string& source_;
    const PersistentLoader& persistentLoad_;
    const PickleLimits& limits_;
    PickleDocument doc_;
    std::vector<PyValue*> stack_;
    std::vector<size_t> marks_;
    std::unordered_map<uint64_t, PyValue*> memo_;
};

}  // namespace

PickleDocument readPickle(const unsigned char* data, size_t size, const std::string& source,
                          const PersistentLoader& persistentLoad, size_t* consumed, const PickleLimits& limits) {
    Reader reader(data, size, source, persistentLoad, limits);
    return reader.run(consumed);
}

}  // namespace axs::pickle
