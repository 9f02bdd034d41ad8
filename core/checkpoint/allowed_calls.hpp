// The allow-list of the safe pickle reader: which class/function references a pickle may
// *call* (REDUCE, NEWOBJ, NEWOBJ_EX) or BUILD, and what value replaces each call.
//
// Policy (nothing is ever executed; this decides what we are willing to interpret):
//  * GLOBAL / STACK_GLOBAL only push an inert name (PyKind::Global). A name that is
//    never called is harmless and accepted (e.g. `builtins list` as a defaultdict factory).
//  * Calling a name is allowed only for
//      - the classes/functions torch.save emits for checkpoints: argparse.Namespace,
//        collections.OrderedDict, torch._utils._rebuild_tensor(_v2), _rebuild_parameter
//        (_with_state), torch._tensor._rebuild_from_type_v2 (plain Tensor/Parameter
//        only), _codecs.encode (protocol-2 bytes), builtins.set/frozenset;
//      - a short list of inert data constructors that training checkpoints put into
//        their extra entries (numpy scalars/arrays/dtypes, collections.defaultdict/deque/
//        Counter, torch.Size/device, datetime, complex, slice, ...). These become opaque
//        PyKind::Object values that are never interpreted further.
//    Anything else (os.system, posix.system, builtins.eval, subprocess.Popen, an unknown
//    training class, ...) makes the whole load fail with
//    "<file>: refuses to load: the pickle calls <module>.<name> (not allowed)".
//  * BUILD (set state) is accepted on opaque objects, dicts (OrderedDict _metadata),
//    and tensors; the state is recorded or ignored, never applied as code. BUILD on a
//    bare class/function reference is refused like a call.
#pragma once

#include <string>

#include "checkpoint/pickle_value.hpp"

namespace axs::pickle {

/// REDUCE / NEWOBJ: returns the value that replaces `callable(*args)`.
/// Throws axs::Error("<source>: refuses to load: ...") for anything not allow-listed.
PyValue* applyCall(PickleDocument& doc, const PyValue& callable, const PyValue& args, const std::string& source);

/// BUILD: `target.__setstate__(state)` for the kinds we accept (see above).
void applyBuild(PyValue& target, PyValue* state, const std::string& source);

}  // namespace axs::pickle
