"""Machinery under the mechanisms: random draws, hashing, sorting and a CPU prefetch hint.

Nothing here knows about residents, ties or the wijk. The mechanism modules and their kernels
call these functions; they never need to read them to follow the model. Private to
``wijksim.model``: code outside the model does not import it.
"""
