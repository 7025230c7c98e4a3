"""The compiled loops of the mechanisms, one module per mechanism module of ``wijksim.model``.

A mechanism module (``helping.py``, ``meeting.py``, ...) holds its rule in readable form next
to the docs/ODD.md section it implements: which residents take part, with which chances, what
changes. Where a rule has to visit thousands of residents or ties one by one, its loop is a
Numba kernel here, in the module of the same name, taking a few named bundles (the resident
arrays, the tie table, the mechanism's rule) instead of long argument lists. Kernels import
the tie table, the numerics and the resident status codes, never a mechanism module.
"""
