"""A CPU prefetch hint from inside Numba kernels (LLVM's ``llvm.prefetch``).

It changes no result, only when memory is read: a kernel that knows which rows of a large
array it will touch a few steps ahead can ask for them early, so that waits for main memory
overlap. Call it in loops with constant steps (16 int32 or 8 float64 per 64-byte line): a
generic row helper computing the step from the item size measured 10-15 % slower weekly ticks.
"""

from __future__ import annotations

from llvmlite import ir
from numba import types
from numba.core import cgutils
from numba.extending import intrinsic


@intrinsic
def prefetch(typingctx, arr, i, k):
    """Ask the CPU to start loading the cache line of ``arr[i, k]`` (2-D array); no effect on
    any result. LLVM's ``llvm.prefetch`` (read, keep in all cache levels)."""
    if not (isinstance(arr, types.Array) and arr.ndim == 2):
        return None
    sig = types.void(arr, i, k)

    def codegen(context, builder, signature, args):
        aty = signature.args[0]
        ary = context.make_array(aty)(context, builder, args[0])
        inds = [context.cast(builder, args[n], signature.args[n], types.intp) for n in (1, 2)]
        ptr = cgutils.get_item_pointer2(context, builder, data=ary.data,
                                        shape=cgutils.unpack_tuple(builder, ary.shape),
                                        strides=cgutils.unpack_tuple(builder, ary.strides),
                                        layout=aty.layout, inds=inds, wraparound=False)
        i8p, i32 = ir.IntType(8).as_pointer(), ir.IntType(32)
        fn = cgutils.get_or_insert_function(
            builder.module, ir.FunctionType(ir.VoidType(), [i8p, i32, i32, i32]),
            "llvm.prefetch.p0i8")
        builder.call(fn, [builder.bitcast(ptr, i8p), ir.Constant(i32, 0), ir.Constant(i32, 3),
                          ir.Constant(i32, 1)])
        return context.get_dummy_value()

    return sig, codegen

