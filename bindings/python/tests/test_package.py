"""The package as installed: version, typing markers, docstrings, stubs that match the runtime."""

from __future__ import annotations

import ast
import inspect
import re
import sys
from importlib import metadata
from pathlib import Path

import pytest

import wijknet
from support import REPO

# Whether native classes carry their constructor's text signature (abi3 on Python 3.10 and later).
CLASS_SIGNATURES = sys.version_info >= (3, 10)

PKG = Path(wijknet.__file__).parent


def workspace_version() -> str:
    text = (REPO / "Cargo.toml").read_text(encoding="utf-8")
    section = text.split("[workspace.package]", 1)[1]
    m = re.search(r'^version\s*=\s*"([^"]+)"', section, re.M)
    assert m
    return m.group(1)


def test_imports_the_installed_wheel_not_the_source_tree() -> None:
    assert "site-packages" in wijknet.__file__, wijknet.__file__
    assert wijknet._native.__file__.endswith((".abi3.so", ".pyd")), wijknet._native.__file__


def test_one_version_number_everywhere() -> None:
    v = workspace_version()
    assert wijknet.__version__ == v
    assert wijknet.core_version() == v
    assert metadata.version("wijknet") == v


def test_typed_package_ships_stubs() -> None:
    assert (PKG / "py.typed").is_file()
    assert (PKG / "_native.pyi").is_file()


def public_objects():
    for name in wijknet.__all__:
        yield name, getattr(wijknet, name)


def test_all_lists_exactly_the_public_names() -> None:
    public = {n for n in dir(wijknet) if not n.startswith("_")}
    # `annotations` comes from `from __future__ import annotations`.
    public.discard("annotations")
    assert public == set(wijknet.__all__)


@pytest.mark.parametrize("name", wijknet.__all__)
def test_every_public_name_has_a_docstring(name: str) -> None:
    obj = getattr(wijknet, name)
    assert inspect.getdoc(obj), name
    if inspect.isclass(obj):
        for attr, member in vars(obj).items():
            if attr.startswith("_") or not (callable(member) or inspect.isdatadescriptor(member)
                                             or isinstance(member, (staticmethod, classmethod))):
                continue  # plain data attributes (e.g. `event_index = None`) are documented on the class
            assert inspect.getdoc(member), f"{name}.{attr}"


def stub_classes() -> dict:
    """The classes declared in _native.pyi, by name."""
    tree = ast.parse((PKG / "_native.pyi").read_text(encoding="utf-8"))
    return {node.name: node for node in tree.body if isinstance(node, ast.ClassDef)}


def stub_names() -> dict:
    """Top-level names and class members declared in _native.pyi."""
    tree = ast.parse((PKG / "_native.pyi").read_text(encoding="utf-8"))
    out = {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            members = {
                n.name for n in node.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))
            }
            out[node.name] = members
        elif isinstance(node, ast.FunctionDef):
            out[node.name] = None
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            out[node.target.id] = None
    return out


# What pyo3 gives every class (`__new__` is checked on its own below) or every `eq` class: a stub
# inherits them from `object`. Any other dunder (`__len__`, `__iter__`, `__getitem__`, ...) is a
# protocol a type checker must know of, and stubtest does not report it missing from a stub.
PYO3_DUNDERS = {
    "__new__", "__repr__", "__str__", "__doc__", "__module__", "__eq__", "__ne__", "__lt__", "__le__", "__gt__",
    "__ge__", "__hash__", "__dict__", "__weakref__",
}


def test_stub_and_runtime_name_the_same_things() -> None:
    """The stubs are checked against the one source, the compiled module, both ways.

    stubtest (run by run-tests.sh) reports a public function, class, method or property of the
    module that has no stub and a stub with no runtime object, and checks kinds (static method,
    property), parameter names, order and defaults, and constructors. It does not report a
    missing protocol dunder (`__len__`), a constructor stubbed for a class that has none, nor a
    class that is not marked final. This test checks the names both ways without mypy, and those.
    """
    stubs = stub_names()
    runtime = set(wijknet._native.__all__)
    assert {n for n in stubs if not n.startswith("_")} | {"__version__"} == runtime
    for cls_name, members in stubs.items():
        if members is None:
            continue
        cls = getattr(wijknet._native, cls_name)
        declared = {m for m in members if not m.startswith("_") or m.endswith("__")} - PYO3_DUNDERS
        actual = {m for m in vars(cls) if not m.startswith("_") or m.endswith("__")} - PYO3_DUNDERS
        assert declared == actual, cls_name
        # A constructor in the stub exactly when the class has one (`#[new]` gives it a signature;
        # the abi3 wheel can only set a class's signature from Python 3.10 on).
        if CLASS_SIGNATURES:
            assert ("__new__" in members) == (cls.__text_signature__ is not None), cls_name
    for cls_name, node in stub_classes().items():
        # Native classes cannot be subclassed (test_classes_are_immutable_and_final): say so.
        assert any(isinstance(d, ast.Name) and d.id == "final" for d in node.decorator_list), cls_name


def test_the_stub_check_sees_what_it_should(monkeypatch: pytest.MonkeyPatch) -> None:
    """The check above fails for a method without a stub and a stub without a method."""
    real = stub_names()
    missing = {k: (v - {"teams_near"} if k == "Registry" else v) for k, v in real.items()}
    monkeypatch.setattr(sys.modules[__name__], "stub_names", lambda: missing)
    with pytest.raises(AssertionError, match="Registry"):
        test_stub_and_runtime_name_the_same_things()
    extra = {k: (v | {"ghost"} if k == "Registry" else v) for k, v in real.items()}
    monkeypatch.setattr(sys.modules[__name__], "stub_names", lambda: extra)
    with pytest.raises(AssertionError, match="Registry"):
        test_stub_and_runtime_name_the_same_things()
    no_len = {k: (v - {"__len__"} if k == "Registry" else v) for k, v in real.items()}
    monkeypatch.setattr(sys.modules[__name__], "stub_names", lambda: no_len)
    with pytest.raises(AssertionError, match="Registry"):
        test_stub_and_runtime_name_the_same_things()
    if not CLASS_SIGNATURES:
        return
    no_new = {k: (v - {"__new__"} if k == "SharedRegistry" else v) for k, v in real.items()}
    monkeypatch.setattr(sys.modules[__name__], "stub_names", lambda: no_new)
    with pytest.raises(AssertionError, match="SharedRegistry"):
        test_stub_and_runtime_name_the_same_things()


@pytest.mark.parametrize(
    "cls", [c for _, c in public_objects() if inspect.isclass(c) and not issubclass(c, BaseException)]
)
def test_classes_are_immutable_and_final(cls: type) -> None:
    with pytest.raises(TypeError):
        type("Sub", (cls,), {})
    public_attrs = [a for a in vars(cls) if not a.startswith("_")]
    assert public_attrs


def test_exception_hierarchy() -> None:
    assert issubclass(wijknet.ValidationError, wijknet.WijknetError)
    assert issubclass(wijknet.ValidationError, ValueError)
    assert issubclass(wijknet.JsonError, wijknet.ValidationError)
    assert issubclass(wijknet.SchemaError, wijknet.ValidationError)
    assert issubclass(wijknet.VersionConflictError, wijknet.WijknetError)
    assert issubclass(wijknet.NotFoundError, wijknet.WijknetError)
    assert issubclass(wijknet.NotFoundError, LookupError)
    assert issubclass(wijknet.InternalError, wijknet.WijknetError)
    # Never pyo3's PanicException (a BaseException) on purpose.
    for name in [
        "WijknetError", "ValidationError", "JsonError", "SchemaError", "VersionConflictError", "NotFoundError",
        "InternalError",
    ]:
        assert issubclass(getattr(wijknet, name), Exception)


def test_exception_attributes() -> None:
    e = wijknet.ValidationError("invalid x: `a`: bad", "invalid", [("a", "bad")])
    assert (str(e), e.code, e.problems, e.message) == ("invalid x: `a`: bad", "invalid", [("a", "bad")], e.message)


def test_python_floor_is_declared() -> None:
    requires = metadata.metadata("wijknet")["Requires-Python"]
    assert requires.replace(" ", "") == ">=3.9"
    assert sys.version_info >= (3, 9)
