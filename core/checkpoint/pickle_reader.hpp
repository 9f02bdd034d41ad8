// A safe, allow-listed reader for Python pickles (protocols 2 to 5) as written by
// torch.save. It interprets opcodes into an inert value tree (pickle_value.hpp); it never
// executes anything, and refuses calls outside the allow-list (allowed_calls.hpp).
//
// Supported opcodes: PROTO FRAME STOP MARK POP POP_MARK DUP NONE NEWTRUE NEWFALSE
// BININT BININT1 BININT2 LONG1 LONG4 BINFLOAT SHORT_BINUNICODE BINUNICODE BINUNICODE8
// SHORT_BINSTRING BINSTRING SHORT_BINBYTES BINBYTES BINBYTES8 BYTEARRAY8 EMPTY_TUPLE
// TUPLE TUPLE1 TUPLE2 TUPLE3 EMPTY_LIST LIST APPEND APPENDS EMPTY_DICT DICT SETITEM
// SETITEMS EMPTY_SET ADDITEMS FROZENSET GLOBAL STACK_GLOBAL REDUCE NEWOBJ NEWOBJ_EX
// BUILD BINPERSID BINPUT LONG_BINPUT MEMOIZE BINGET LONG_BINGET. Anything else (text
// protocol-0 opcodes, INST/OBJ, EXT*, out-of-band buffers) is an error.
//
// Robustness: every read is bounds-checked against the input; stack, mark depth, value
// count and integer width are limited; the memo is a hash map, so huge memo indices cost
// nothing. Any malformed input gives an axs::Error naming `source`, never a crash.
#pragma once

#include <cstddef>
#include <functional>
#include <string>

#include "checkpoint/pickle_value.hpp"

namespace axs::pickle {

struct PickleLimits {
    size_t maxStack = size_t{1} << 20;   ///< values on the stack, all marks together
    size_t maxMarkDepth = 4096;          ///< nested MARKs
    size_t maxValues = size_t{1} << 20;  ///< values created in one document (~170 bytes each)
    size_t maxBigIntBytes = 1024;        ///< LONG1/LONG4 payload
};

/// Turns a persistent id (BINPERSID) into a value; throws axs::Error to refuse it.
using PersistentLoader = std::function<PyValue*(PickleDocument& doc, const PyValue& pid)>;

/// Reads one pickle starting at data[0] and ending with its STOP opcode. Stores the
/// result in the returned document's `root`; `consumed` (optional) receives the number
/// of bytes used including STOP. `source` names the file in error messages.
/// Without a persistentLoad, BINPERSID is an error.
PickleDocument readPickle(const unsigned char* data, size_t size, const std::string& source,
                          const PersistentLoader& persistentLoad = {}, size_t* consumed = nullptr,
                          const PickleLimits& limits = {});

}  // namespace axs::pickle
