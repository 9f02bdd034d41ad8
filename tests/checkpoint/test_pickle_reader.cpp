// The safe pickle reader on hand-made pickles: values, memo, allow-list, refused calls,
// malformed input and resource limits.
#include <QTest>

#include "checkpoint/pickle_reader.hpp"
#include "checkpoint/torch_persistent.hpp"
#include "common/error.hpp"
#include "error_message.hpp"
#include "torch_writer.hpp"

using axs::pickle::PyKind;
using axs::pickle::PyValue;
using axs::test::PickleWriter;

Q_DECLARE_METATYPE(std::string)

namespace {

axs::pickle::PickleDocument parse(const std::string& bytes, const axs::pickle::PickleLimits& limits = {}) {
    const axs::pickle::PersistentLoader loader = [](axs::pickle::PickleDocument& doc, const PyValue& pid) {
        return axs::makeStorageValue(doc, pid, "mem.pkl");
    };
    return axs::pickle::readPickle(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), "mem.pkl",
                                   loader, nullptr, limits);
}

QString errorOf(const std::string& bytes, const axs::pickle::PickleLimits& limits = {}) {
    return axs::test::errorMessageOf([&] { parse(bytes, limits); });
}

std::string bytesOf(std::initializer_list<int> codes) {
    std::string s;
    for (int c : codes) s += static_cast<char>(c);
    return s;
}

}  // namespace

class TestPickleReader : public QObject {
    Q_OBJECT
private slots:
    void scalars() {
        PickleWriter w;
        w.proto(2).mark();
        w.none().boolean(true).boolean(false).integer(7).integer(300).integer(-5).integer(70000).integer(
            -(int64_t{1} << 40));
        w.real(-2.5).str("héllo").op('C').op(3).raw("abc");
        w.op(0x8a).op(0).op(0x8a).op(1).op(0xff);  // LONG1 0 and -1
        w.tuple().stop();
        const auto doc = parse(w.bytes());
        const PyValue& t = *doc.root;
        QCOMPARE(t.kind, PyKind::Tuple);
        QCOMPARE(t.items.size(), size_t(13));
        QCOMPARE(t.items[0]->kind, PyKind::None);
        QCOMPARE(t.items[1]->boolean, true);
        QCOMPARE(t.items[2]->boolean, false);
        QCOMPARE(t.items[3]->integer, int64_t(7));
        QCOMPARE(t.items[4]->integer, int64_t(300));
        QCOMPARE(t.items[5]->integer, int64_t(-5));
        QCOMPARE(t.items[6]->integer, int64_t(70000));
        QCOMPARE(t.items[7]->integer, -(int64_t{1} << 40));
        QCOMPARE(t.items[8]->real, -2.5);
        QCOMPARE(t.items[9]->text, std::string("héllo"));
        QCOMPARE(t.items[10]->kind, PyKind::Bytes);
        QCOMPARE(t.items[10]->text, std::string("abc"));
        QCOMPARE(t.items[11]->integer, int64_t(0));
        QCOMPARE(t.items[12]->integer, int64_t(-1));
    }

    void wideIntegers() {
        // 9-byte LONG1 that still fits int64 (redundant sign byte) vs. a real 80-bit value.
        PickleWriter w;
        w.proto(2).mark();
        w.op(0x8a).op(9).raw(std::string("\xff\xff\xff\xff\xff\xff\xff\x7f\x00", 9));
        w.op(0x8a).op(10).raw(std::string("\x6c\xfc\x9c\x46\xf9\x20\x6a\xa8\x50\x19", 10));
        w.tuple().stop();
        const auto doc = parse(w.bytes());
        QCOMPARE(doc.root->items[0]->kind, PyKind::Int);
        QCOMPARE(doc.root->items[0]->integer, INT64_MAX);
        QCOMPARE(doc.root->items[1]->kind, PyKind::BigInt);
        QCOMPARE(doc.root->items[1]->text.size(), size_t(10));
    }

    void containersAndMemo() {
        // {"a": [1, 2, 3], "b": (x, x) with x memoised, "a" again replaces the first value}
        PickleWriter w;
        w.proto(2).emptyDict().put(0).mark();
        w.str("a").emptyList().put(1).integer(1).append().mark().integer(2).integer(3).op('e');
        w.str("b").str("shared").put(400).get(400).op(0x86);
        w.str("a").integer(9);
        w.setItems().stop();
        const auto doc = parse(w.bytes());
        const PyValue& d = *doc.root;
        QCOMPARE(d.kind, PyKind::Dict);
        QCOMPARE(d.entries.size(), size_t(2));
        QCOMPARE(d.find("a")->integer, int64_t(9));
        const PyValue* b = d.find("b");
        QCOMPARE(b->kind, PyKind::Tuple);
        QVERIFY(b->items[0] == b->items[1]);  // the memo shares, it does not copy
        QCOMPARE(b->items[0]->text, std::string("shared"));
    }

    void protocol4Opcodes() {
        // FRAME, SHORT_BINUNICODE, MEMOIZE, STACK_GLOBAL, EMPTY_SET/ADDITEMS, FROZENSET, TUPLE3, BINBYTES8
        std::string s = bytesOf({0x80, 4, 0x95});
        s += std::string(8, '\0');  // frame length (advisory)
        s += bytesOf({0x8c, 11}) + "collections" + bytesOf({0x94, 0x8c, 11}) + "OrderedDict" +
             bytesOf({0x94, 0x93, 0x94});
        s += bytesOf({')', 'R', 0x94});                   // OrderedDict()
        s += bytesOf({0x8f, '(', 'K', 1, 'K', 2, 0x90});  // {1, 2}
        s += bytesOf({'(', 'K', 3, 0x91});                // frozenset({3})
        s += bytesOf({0x8e, 2, 0, 0, 0, 0, 0, 0, 0}) + "xy";
        s += bytesOf({0x87, '.'});
        const auto doc = parse(s);
        const PyValue& t = *doc.root;
        QCOMPARE(t.kind, PyKind::Tuple);
        QCOMPARE(t.items.size(), size_t(3));
        QCOMPARE(t.items[0]->kind, PyKind::Set);
        QCOMPARE(t.items[0]->items.size(), size_t(2));
        QCOMPARE(t.items[1]->kind, PyKind::Set);
        QCOMPARE(t.items[2]->text, std::string("xy"));
        // The OrderedDict below the tuple is left on the stack; the root is the top value.
    }

    void namespaceAndOrderedDict() {
        PickleWriter w;
        w.proto(2).global("argparse", "Namespace").emptyTuple().newObj().emptyDict().mark();
        w.str("arch").str("msa_transformer").str("lr").emptyList().real(1e-4).append();
        w.setItems().build().stop();
        const auto doc = parse(w.bytes());
        QCOMPARE(doc.root->kind, PyKind::Object);
        QCOMPARE(doc.root->name, std::string("argparse.Namespace"));
        QVERIFY(doc.root->state);
        QCOMPARE(doc.root->state->find("arch")->text, std::string("msa_transformer"));

        PickleWriter o;  // OrderedDict([(k, v)]) and its _metadata BUILD
        o.proto(2).global("collections", "OrderedDict").mark().emptyList().mark().str("k").integer(5).tuple().append();
        o.tuple().reduce().emptyDict().mark().str("_metadata").emptyDict().setItems().build().stop();
        const auto od = parse(o.bytes());
        QCOMPARE(od.root->kind, PyKind::Dict);
        QCOMPARE(od.root->find("k")->integer, int64_t(5));
    }

    void codecsEncodeBytes() {
        PickleWriter w;
        w.proto(2).global("_codecs", "encode").mark().str("\xc3\xbf\x01").str("latin1").tuple().reduce().stop();
        const auto doc = parse(w.bytes());
        QCOMPARE(doc.root->kind, PyKind::Bytes);
        QCOMPARE(doc.root->text, std::string("\xff\x01", 2));
    }

    void inertDataIsOpaque() {
        // A numpy scalar in a training checkpoint's extra entries: kept as an opaque object.
        PickleWriter w;
        w.proto(2).global("numpy.core.multiarray", "scalar");
        w.global("numpy", "dtype").mark().str("f8").boolean(false).boolean(true).tuple().reduce();
        w.mark().integer(3).str("<").none().none().none().integer(-1).integer(-1).integer(0).tuple().build();
        w.op('C').op(8).raw(std::string(8, '\0')).op(0x86).reduce().stop();
        const auto doc = parse(w.bytes());
        QCOMPARE(doc.root->kind, PyKind::Object);
        QCOMPARE(doc.root->name, std::string("numpy.core.multiarray.scalar"));
        // A global that is only referenced, never called, is harmless.
        PickleWriter g;
        g.proto(2).global("builtins", "list").stop();
        QCOMPARE(parse(g.bytes()).root->kind, PyKind::Global);
    }

    void refusedCalls_data() {
        QTest::addColumn<std::string>("bytes");
        QTest::addColumn<QString>("callee");
        auto call = [](const std::string& module, const std::string& name) {
            PickleWriter w;
            w.proto(2).global(module, name).mark().str("echo pwned").tuple().reduce().stop();
            return w.bytes();
        };
        QTest::newRow("posix.system REDUCE") << call("posix", "system") << "posix.system";
        QTest::newRow("os.system REDUCE") << call("os", "system") << "os.system";
        QTest::newRow("builtins.eval") << call("builtins", "eval") << "builtins.eval";
        QTest::newRow("__builtin__.exec (py2 name)") << call("__builtin__", "exec") << "__builtin__.exec";
        QTest::newRow("subprocess.check_output") << call("subprocess", "check_output") << "subprocess.check_output";
        {
            PickleWriter w;  // STACK_GLOBAL, protocol 4
            w.proto(4).str("nt").str("system").op(0x93).mark().str("calc").tuple().reduce().stop();
            QTest::newRow("nt.system via STACK_GLOBAL") << w.bytes() << "nt.system";
        }
        {
            PickleWriter w;
            w.proto(2).global("subprocess", "Popen").mark().str("sh").tuple().newObj().stop();
            QTest::newRow("subprocess.Popen NEWOBJ") << w.bytes() << "subprocess.Popen";
        }
        {
            PickleWriter w;  // NEWOBJ_EX of an unknown training class
            w.proto(4).global("fairseq.meters", "AverageMeter").emptyTuple().emptyDict().op(0x92).stop();
            QTest::newRow("unknown class NEWOBJ_EX") << w.bytes() << "fairseq.meters.AverageMeter";
        }
        {
            PickleWriter w;  // BUILD on a class reference would call its __setstate__
            w.proto(2).global("os", "environ").emptyDict().build().stop();
            QTest::newRow("BUILD on a global") << w.bytes() << "os.environ";
        }
        {
            PickleWriter w;  // getattr chains are the classic way around naive filters
            w.proto(2)
                .global("builtins", "getattr")
                .mark()
                .global("builtins", "list")
                .str("append")
                .tuple()
                .reduce()
                .stop();
            QTest::newRow("builtins.getattr") << w.bytes() << "builtins.getattr";
        }
        {
            PickleWriter w;  // a tensor rebuild that would cast to an arbitrary class
            w.proto(2).global("torch._tensor", "_rebuild_from_type_v2").mark();
            w.global("torch._utils", "_rebuild_tensor_v2")
                .global("evil", "Tensor")
                .emptyTuple()
                .none()
                .tuple()
                .reduce()
                .stop();
            QTest::newRow("_rebuild_from_type_v2 to evil.Tensor") << w.bytes() << "evil.Tensor";
        }
    }
    void refusedCalls() {
        QFETCH(std::string, bytes);
        QFETCH(QString, callee);
        const QString message = errorOf(bytes);
        QVERIFY2(message.startsWith("mem.pkl: "), qPrintable(message));
        QVERIFY2(message.contains("refuses to load: the pickle calls " + callee + " (not allowed)"),
                 qPrintable(message));
    }

    void malformed_data() {
        QTest::addColumn<std::string>("bytes");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty") << std::string() << "truncated";
        QTest::newRow("no STOP") << bytesOf({0x80, 2, 'N'}) << "truncated";
        QTest::newRow("string longer than data") << bytesOf({0x80, 2, 'X', 0xff, 0xff, 0xff, 0x7f, 'a'}) << "truncated";
        QTest::newRow("BINUNICODE8 absurd length")
            << bytesOf({0x80, 4, 0x8d, 0, 0, 0, 0, 0, 0, 0, 0x80}) << "truncated";
        QTest::newRow("stack underflow") << bytesOf({0x80, 2, 'a', '.'}) << "stack underflow";
        QTest::newRow("STOP on empty stack") << bytesOf({0x80, 2, '.'}) << "empty stack";
        QTest::newRow("APPEND to a dict") << bytesOf({0x80, 2, '}', 'N', 'a', '.'}) << "APPEND on a dict";
        QTest::newRow("SETITEM on a tuple") << bytesOf({0x80, 2, ')', 'N', 'N', 's', '.'}) << "SETITEM on a tuple";
        QTest::newRow("SETITEMS odd") << bytesOf({0x80, 2, '}', '(', 'N', 'u', '.'}) << "odd number";
        QTest::newRow("missing MARK") << bytesOf({0x80, 2, 'N', 't', '.'}) << "missing MARK";
        QTest::newRow("undefined memo") << bytesOf({0x80, 2, 'h', 7, '.'}) << "memo entry 7";
        QTest::newRow("huge memo index") << bytesOf({0x80, 2, 'j', 0xff, 0xff, 0xff, 0xff, '.'})
                                         << "memo entry 4294967295";
        QTest::newRow("unknown opcode") << bytesOf({0x80, 2, 0xfe, '.'}) << "unsupported pickle opcode 0xfe";
        QTest::newRow("protocol-0 INST") << bytesOf({0x80, 2, 'i'}) + "os\nsystem\n."
                                         << "unsupported pickle opcode 0x69";
        QTest::newRow("protocol 6") << bytesOf({0x80, 6, 'N', '.'}) << "protocol 6";
        QTest::newRow("negative BINSTRING") << bytesOf({0x80, 2, 'T', 0xff, 0xff, 0xff, 0xff, '.'}) << "negative";
        QTest::newRow("frame past end") << bytesOf({0x80, 4, 0x95, 0xff, 0, 0, 0, 0, 0, 0, 0, 'N', '.'}) << "frame";
        QTest::newRow("unterminated GLOBAL") << bytesOf({0x80, 2, 'c'}) + "os"
                                             << "GLOBAL";
        QTest::newRow("overlong GLOBAL") << bytesOf({0x80, 2, 'c'}) + std::string(10000, 'a') + "\nb\n."
                                         << "GLOBAL";
        QTest::newRow("STACK_GLOBAL of ints") << bytesOf({0x80, 4, 'K', 1, 'K', 2, 0x93, '.'}) << "two strings";
        QTest::newRow("call a string") << bytesOf({0x80, 2, 'X', 1, 0, 0, 0, 'f', ')', 'R', '.'}) << "not callable";
        QTest::newRow("OrderedDict with odd args") << PickleWriter()
                                                          .proto(2)
                                                          .global("collections", "OrderedDict")
                                                          .mark()
                                                          .integer(1)
                                                          .tuple()
                                                          .reduce()
                                                          .stop()
                                                          .bytes()
                                                   << "OrderedDict";
        QTest::newRow("args not a tuple")
            << PickleWriter().proto(2).global("collections", "OrderedDict").emptyList().reduce().stop().bytes()
            << "not a tuple";
        QTest::newRow("LONG4 too long") << bytesOf({0x80, 2, 0x8b, 0, 0, 0, 1, '.'}) << "integer too large";
        QTest::newRow("persistent id not a storage") << bytesOf({0x80, 2, 'N', 'Q', '.'}) << "storage reference";
        QTest::newRow("persistent id pickled module")
            << PickleWriter().proto(2).mark().str("module").none().none().none().tuple().binPersId().stop().bytes()
            << "pickled Python module";
        QTest::newRow("unknown storage class") << PickleWriter()
                                                      .proto(2)
                                                      .mark()
                                                      .str("storage")
                                                      .global("torch", "EvilStorage")
                                                      .str("0")
                                                      .str("cpu")
                                                      .integer(1)
                                                      .tuple()
                                                      .binPersId()
                                                      .stop()
                                                      .bytes()
                                               << "unknown storage class";
        QTest::newRow("storage class from os") << PickleWriter()
                                                      .proto(2)
                                                      .mark()
                                                      .str("storage")
                                                      .global("os", "FloatStorage")
                                                      .str("0")
                                                      .str("cpu")
                                                      .integer(1)
                                                      .tuple()
                                                      .binPersId()
                                                      .stop()
                                                      .bytes()
                                               << "instead of a torch storage class";
    }
    void malformed() {
        QFETCH(std::string, bytes);
        QFETCH(QString, expected);
        const QString message = errorOf(bytes);
        QVERIFY2(message.startsWith("mem.pkl: "), qPrintable(message));
        QVERIFY2(message.contains(expected), qPrintable(message));
    }

    void tensorRecords_data() {
        QTest::addColumn<int64_t>("storageNumel");
        QTest::addColumn<int64_t>("offset");
        QTest::addColumn<QList<qint64>>("size");
        QTest::addColumn<QList<qint64>>("stride");
        QTest::addColumn<QString>("error");  // empty: accepted
        QTest::newRow("contiguous") << int64_t(6) << int64_t(0) << QList<qint64>{2, 3} << QList<qint64>{3, 1} << "";
        QTest::newRow("transposed view") << int64_t(6) << int64_t(0) << QList<qint64>{3, 2} << QList<qint64>{1, 3}
                                         << "";
        QTest::newRow("offset window") << int64_t(10) << int64_t(4) << QList<qint64>{2, 3} << QList<qint64>{3, 1} << "";
        QTest::newRow("empty tensor past end")
            << int64_t(0) << int64_t(5) << QList<qint64>{0, 3} << QList<qint64>{3, 1} << "";
        QTest::newRow("scalar") << int64_t(1) << int64_t(0) << QList<qint64>{} << QList<qint64>{} << "";
        QTest::newRow("one past the end")
            << int64_t(6) << int64_t(1) << QList<qint64>{2, 3} << QList<qint64>{3, 1} << "extends beyond its storage";
        QTest::newRow("stride too big") << int64_t(6) << int64_t(0) << QList<qint64>{2, 3} << QList<qint64>{4, 1}
                                        << "extends beyond its storage";
        QTest::newRow("overflowing sizes")
            << int64_t(6) << int64_t(0) << QList<qint64>{int64_t{1} << 30, int64_t{1} << 30} << QList<qint64>{1, 1}
            << "too many elements";
        QTest::newRow("overflowing stride")
            << int64_t(6) << int64_t(0) << QList<qint64>{2, 2} << QList<qint64>{int64_t{1} << 50, 1}
            << "not a non-negative integer in range";
        QTest::newRow("negative size") << int64_t(6) << int64_t(0) << QList<qint64>{-1} << QList<qint64>{1}
                                       << "not a non-negative integer";
        QTest::newRow("rank mismatch") << int64_t(6) << int64_t(0) << QList<qint64>{6} << QList<qint64>{1, 1}
                                       << "differ in rank";
    }
    void tensorRecords() {
        QFETCH(int64_t, storageNumel);
        QFETCH(int64_t, offset);
        QFETCH(QList<qint64>, size);
        QFETCH(QList<qint64>, stride);
        QFETCH(QString, error);
        PickleWriter w;
        w.proto(2).global("torch._utils", "_rebuild_tensor_v2").mark();
        w.mark()
            .str("storage")
            .global("torch", "FloatStorage")
            .str("k")
            .str("cuda:0")
            .integer(storageNumel)
            .tuple()
            .binPersId();
        w.integer(offset).mark();
        for (qint64 s : size) w.integer(s);
        w.tuple().mark();
        for (qint64 s : stride) w.integer(s);
        w.tuple().boolean(false).global("collections", "OrderedDict").emptyTuple().reduce().tuple().reduce().stop();
        const QString message = errorOf(w.bytes());
        if (error.isEmpty()) {
            QVERIFY2(message.isEmpty(), qPrintable(message));
            const auto doc = parse(w.bytes());
            QCOMPARE(doc.root->kind, PyKind::Tensor);
            QCOMPARE(doc.root->tensor->offset, offset);
            QCOMPARE(doc.root->tensor->size.size(), size_t(size.size()));
            QCOMPARE(doc.root->tensor->storage->storage->location, std::string("cuda:0"));
        } else {
            QVERIFY2(message.contains(error), qPrintable(message));
        }
    }

    void limits_data() {
        QTest::addColumn<std::string>("bytes");
        QTest::addColumn<QString>("expected");
        QTest::newRow("deep MARK nesting") << bytesOf({0x80, 2}) + std::string(100000, '(') << "nested too deeply";
        QTest::newRow("deep list nesting") << bytesOf({0x80, 2}) + std::string(100000, ']') << "stack too deep";
        {
            std::string s = bytesOf({0x80, 2});  // values created and dropped again (POP)
            for (int i = 0; i < 100000; ++i) s += "N0";
            QTest::newRow("value flood") << s << "too many values";
        }
        {
            std::string s = bytesOf({0x80, 2, 'N'});  // memo entries without new values
            for (uint32_t i = 0; i < 100000; ++i)
                s += bytesOf({'r'}) + std::string(reinterpret_cast<const char*>(&i), 4);
            QTest::newRow("memo flood") << s << "memo too large";
        }
    }
    void limits() {
        QFETCH(std::string, bytes);
        QFETCH(QString, expected);
        axs::pickle::PickleLimits small;  // scaled-down limits: same code paths, little memory
        small.maxStack = 10000;
        small.maxMarkDepth = 1000;
        small.maxValues = 20000;
        const QString message = errorOf(bytes, small);
        QVERIFY2(message.contains(expected), qPrintable(message));
        // The default MARK limit holds on its own as well.
        if (QByteArray(QTest::currentDataTag()) == "deep MARK nesting") QVERIFY(errorOf(bytes).contains(expected));
    }

    void cyclesAndDeepChainsAreHarmless() {
        // l = []; l.append(l): a cycle. Then a 300000-deep chain of lists built through the
        // memo (each new list appended into the previous one), which would overflow a
        // recursive destructor or printer.
        PickleWriter w;
        w.proto(2).emptyList().put(0).get(0).append().op('0');
        w.emptyList().put(1).op('0');
        for (int i = 0; i < 300000; ++i) {
            w.emptyList().put(2).op('0');
            w.get(1).get(2).append().op('0');
            w.get(2).put(1).op('0');
        }
        w.get(0).stop();
        const auto doc = parse(w.bytes());
        QCOMPARE(doc.root->kind, PyKind::List);
        QVERIFY(doc.root->items[0] == doc.root);
    }
};

QTEST_APPLESS_MAIN(TestPickleReader)
#include "test_pickle_reader.moc"
