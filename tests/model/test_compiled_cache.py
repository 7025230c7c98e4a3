"""Numba's cache of compiled kernels is kept per version of the model's code
(wijksim/model/_numerics/compiled_cache.py): a kernel that inlines a changed helper is never
loaded stale."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

from wijksim.model._numerics import compiled_cache


def test_the_cache_folder_follows_every_source_file_of_the_model(tmp_path):
    model = tmp_path / "model"
    shutil.copytree(Path(compiled_cache.__file__).resolve().parents[1], model,
                    ignore=shutil.ignore_patterns("__pycache__"))
    before = compiled_cache.source_hash(model)
    assert before == compiled_cache.source_hash()
    helper = model / "_numerics" / "draws.py"  # a helper every kernel inlines
    helper.write_text(helper.read_text() + "\n# changed\n")
    assert compiled_cache.source_hash(model) != before


def test_a_fresh_process_compiles_into_the_folder_of_its_code_version(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "NUMBA_CACHE_DIR"}
    env["WIJKSIM_NUMBA_CACHE"] = str(tmp_path)
    for old in ("a", "b", "c", "d", "e"):  # older versions' folders: the oldest go
        (tmp_path / old).mkdir()
        os.utime(tmp_path / old, (1e9 + ord(old), 1e9 + ord(old)))
    code = ("import wijksim.model, numba, os; "
            "print(numba.config.CACHE_DIR); print(os.environ['NUMBA_CACHE_DIR'])")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                         text=True, check=True).stdout.split()
    want = str(tmp_path / compiled_cache.source_hash())
    assert out == [want, want]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["c", "d", "e", compiled_cache.source_hash()])
    env["NUMBA_CACHE_DIR"] = str(tmp_path / "mine")  # the user's own choice stands
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                         text=True, check=True).stdout.split()
    assert out == [str(tmp_path / "mine")] * 2
