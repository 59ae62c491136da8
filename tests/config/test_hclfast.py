"""The fast HCL parser against python-hcl2's: the same tree, ranges included, for every
configuration it accepts; None (so python-hcl2 parses and reports) for every syntax
error and every construct it leaves to python-hcl2."""

from __future__ import annotations

import ast
import random
import subprocess
import sys
from pathlib import Path

import pytest

from mlinfra.config import hclparse
from mlinfra.config.hclfast import parse_fast
from mlinfra.config.syntax import File
from mlinfra.diagnostics import Diagnostics

ROOT = Path(__file__).resolve().parents[2]
NAME = "main.hcl"


def lark(text: str, name: str = NAME) -> tuple[File | None, Diagnostics]:
    return hclparse._parse_with_lark(text, name)


def handled_and_equal(text: str, name: str = NAME) -> bool:
    """Whether the fast parser handled ``text``; fails if it answered differently from
    python-hcl2 or accepted what python-hcl2 rejects."""
    fast = parse_fast(text, name)
    slow, diags = lark(text, name)
    if fast is None:
        return False
    assert slow is not None and not diags.items, f"accepted invalid input {text!r}"
    assert fast == slow, f"different tree for {text!r}"
    return True


# -- a generated corpus ----------------------------------------------------------------

_NAMES = ["a", "var", "local", "model", "x_1", "each", "count", "in_x", "a-b", "true_"]
_OPS = ["||", "&&", "==", "!=", "<", ">", "<=", ">=", "+", "-", "*", "/", "%"]
_STRINGS = ['"plain"', '""', r'"esc \n \" \\ \t"', r'"\u00e9 é"', '"$${not} %%{no}"',
            '"a$b%c$"', r'"x\$y"', '"${var.a}"', '"pre-${var.a}-post"', '"${x}${y}"',
            '"a ${ f(1, "b") } c"', '"${ {a = 1}.a }"', '"${"nested ${q}"}"', '"$"']  # fmt: skip
_HEREDOCS = ["<<EOT\nplain\nEOT\n", "<<EOT\nhi ${var.a} and ${f(1,\n2)}\n$${no}\nEOT\n",
             "<<-EOT\n    a ${x}\n      b\n    EOT\n", "<<EOT\nEOT\n"]  # fmt: skip
_NUMBERS = ["0", "1", "42", "3.25", "1e3", "2.5E-2", "007", "-1", "-12", "-1.5", "- 3", "-2e3"]
_STEPS = [".b", ".c_d", "[0]", ".0", "[*]", ".*", " .e", ".true", ".0.1"]


class Corpus:
    """Random configurations built only from valid constructs, at random spacing."""

    def __init__(self, seed: int) -> None:
        self.r = random.Random(seed)

    def nl(self) -> str:
        return self.r.choice(["\n", "\n  ", " # c\n", " // c\n", " /* c */\n", " /* m\n */ "])

    def term(self, depth: int) -> str:
        r = self.r
        kind = r.randrange(14 if depth < 3 else 5)
        if kind == 0:
            return r.choice(_NUMBERS)
        if kind == 1:
            return r.choice(_STRINGS)
        if kind == 2:
            return r.choice(["true", "false", "null"])
        if kind in (3, 4):
            steps = [
                r.choice([*_STEPS, f"[{self.expr(depth + 1)}]"]) for _ in range(r.randrange(4))
            ]
            return r.choice(_NAMES) + "".join(steps)
        if kind == 5:
            args = [self.expr(depth + 1) for _ in range(r.randrange(4))]
            inner = r.choice([", ", ",", "," + self.nl()]).join(args)
            if args:
                inner += r.choice(["", "", "...", ","]) + r.choice(["", "\n"])
            return f"{r.choice(['f', 'lookup', 'provider::ns::fn', 'g '])}({inner})"
        if kind == 6:
            items = [self.expr(depth + 1) for _ in range(r.randrange(4))]
            tail = r.choice(["", ",", ",\n", "\n"]) if items else ""
            sep = r.choice([", ", ",\n", "\n, "])
            return "[" + r.choice(["", "\n"]) + sep.join(items) + tail + "]"
        if kind == 7:
            keys = ["k", "key_2", '"q"', '"s p"', "(var.k)", "true", '"${v}"', "a-b"]
            items = [f"{r.choice(keys)} {r.choice('=:')} {self.expr(depth + 1)}"
                     for _ in range(r.randrange(4))]  # fmt: skip
            tail = r.choice(["", ",", "\n", ",\n"]) if items else ""
            sep = r.choice([", ", "\n", ",\n", "\n,", " # c\n"])
            return "{" + r.choice(["", "\n", " "]) + sep.join(items) + tail + "}"
        if kind == 8:
            inner = r.choice(["", "\n"]) + self.expr(depth + 1) + r.choice(["", "\n"])
            return f"({inner})" + r.choice(["", ".a", "[1]", ".*.b"])
        if kind == 9:
            return r.choice(["-", "!", "- "]) + self.term(depth + 1)
        if kind == 10:
            return f"f({self.expr(depth + 1)})" + r.choice(["", ".a", "[0]", "[*].b"])
        if kind == 11:
            return r.choice(_HEREDOCS)
        if kind == 12:
            return self.for_expr(depth)
        return r.choice(_STRINGS) + r.choice(["", "[0]"])

    def for_expr(self, depth: int) -> str:
        r = self.r
        names = r.choice(["v", "k, v", "i,x"])
        intro = f"for{r.choice([' ', chr(10)])}{names} in {self.expr(depth + 1)} :{self.nl()}"
        cond = r.choice(["", f" if {self.expr(depth + 1)}", f"\nif {self.expr(depth + 1)}\n"])
        value = self.expr(depth + 1)
        if r.random() < 0.5:
            return f"[{r.choice(['', chr(10)])}{intro}{value}{cond}]"
        key = self.expr(depth + 1)
        dots = r.choice(["", "...", "\n..."])
        return f"{{{intro}{key} =>{r.choice([' ', chr(10)])}{value}{dots}{cond}}}"

    def expr(self, depth: int = 0) -> str:
        r = self.r
        text = self.term(depth)
        for _ in range(r.randrange(3 if depth < 2 else 1)):
            op = r.choice(_OPS)
            before = " " if op == "-" else r.choice([" ", " ", "\n", " # c\n"])
            after = r.choice([" ", ""]) if op == "-" else r.choice([" ", "\n", ""])
            text += before + op + after + self.term(depth + 1)
        if depth < 2 and r.random() < 0.15:
            yes, no = self.expr(depth + 1), self.expr(depth + 1)
            text += f" ?{r.choice([' ', chr(10)])}{yes}{r.choice([' ', chr(10)])}: {no}"
        return text

    def body(self, depth: int = 0, indent: str = "") -> str:
        r = self.r
        out = []
        for _ in range(r.randrange(1, 5)):
            if r.random() < 0.6 or depth > 2:
                name = r.choice(["x", "y", "name", "for_each", "count", "tags", "if", "a-b"])
                out.append(f"{indent}{name}{r.choice([' ', '', '  '])}= {self.expr()}")
                continue
            labels = "".join(
                " " + r.choice(['"lbl"', "ident", '"a b"', r'"\u0041"', '""'])
                for _ in range(r.randrange(3))
            )
            kind = r.choice(["resource", "model", "lifecycle", "in"])
            if r.random() < 0.2:
                out.append(f"{indent}{kind}{labels} {{}}")
            else:
                inner = self.body(depth + 1, indent + "  ")
                brace = r.choice([" ", "\n"])
                out.append(f"{indent}{kind}{labels}{brace}{{\n{inner}\n{indent}}}")
        return r.choice(["\n", "\n\n", "\n# c\n"]).join(out) + "\n"


def mutated(text: str, rnd: random.Random) -> str:
    chars = list(text)
    for _ in range(rnd.randrange(1, 3)):
        at = rnd.randrange(len(chars) + 1)
        ch = rnd.choice(list('\n "{}[](),=:.-+*$#/\\<>?!%~abc01'))
        how = rnd.randrange(3)
        if how == 0 and at < len(chars):
            del chars[at]
        elif how == 1:
            chars.insert(at, ch)
        elif at < len(chars):
            chars[at] = ch
    return "".join(chars)


# -- the repository's own configurations -------------------------------------------------


def repository_configurations() -> list[Path]:
    roots = [ROOT / "examples", ROOT / "tests", *sorted((ROOT / "providers").glob("*/tests"))]
    return sorted(p for root in roots for p in root.rglob("*.hcl"))


def embedded_strings() -> list[str]:
    """String constants of the test modules that look like configuration."""
    paths = [*(ROOT / "tests").rglob("test_*.py"), *(ROOT / "providers").glob("*/tests/*.py")]
    found: set[str] = set()
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            text = node.value if isinstance(node, ast.Constant) else None
            if isinstance(text, str) and ("=" in text or "{" in text):
                found.add(text)
    return sorted(found)


def test_every_configuration_file_of_the_repository_parses_fast_to_the_same_tree() -> None:
    paths = repository_configurations()
    assert len(paths) >= 3  # the three examples at least
    for path in paths:
        text = path.read_text(encoding="utf-8")
        assert handled_and_equal(text, str(path)), f"{path} fell back"


def test_configurations_embedded_in_tests_parse_the_same_or_fall_back() -> None:
    handled = sum(handled_and_equal(text) for text in embedded_strings())
    assert handled >= 50


def test_a_generated_corpus_parses_to_the_same_trees() -> None:
    texts = [Corpus(seed).body() for seed in range(400)]
    handled = sum(handled_and_equal(text) for text in texts)
    assert handled >= 0.75 * len(texts)  # the rest use constructs left to python-hcl2


def test_mutated_configurations_are_never_accepted_when_python_hcl2_rejects_them() -> None:
    for seed in range(400):
        rnd = random.Random(10_000 + seed)
        handled_and_equal(mutated(Corpus(seed).body(), rnd))


def test_a_bench_sized_file_parses_the_same(tmp_path: Path) -> None:
    blocks = []
    for i in range(300):
        up = f'\n  tags = {{ note = "n{i}", up = model.g{i - 1}.id }}' if i else ""
        blocks.append(
            f'model "g{i}" {{\n  artifact  = "file://m.joblib"\n  framework = "sklearn"{up}\n}}\n'
        )
    assert handled_and_equal('provider "local" {}\n\n' + "\n".join(blocks))


REALISTIC = """\
locals {
  common_tags = merge(var.tags, {
    Environment = var.env
    "kubernetes.io/cluster/${var.name}" = "owned"
  })
  enabled = var.enabled ? 1 : 0
  names   = [for s in var.subnets : s.name if s.public]
  by_name = { for s in var.subnets : s.name => s }
}

resource "aws_instance" "web" {
  count         = local.enabled
  ami           = data.aws_ami.ubuntu.id
  instance_type = "t3.micro"
  user_data     = templatefile("${path.module}/init.sh", { port = 8080 })
  tags          = local.common_tags
  depends_on    = [aws_iam_role.this]

  dynamic "ebs_block_device" {
    for_each = var.volumes
    content {
      device_name = ebs_block_device.value.name
      volume_size = try(ebs_block_device.value.size, 10)
    }
  }

  lifecycle {
    ignore_changes        = [tags, user_data]
    create_before_destroy = true
  }
}

output "ids" {
  value       = aws_instance.web[*].id
  description = <<-EOT
    The ids of
    the instances.
  EOT
  sensitive   = false
}

variable "port" {
  type    = number
  default = 8080
  validation {
    condition     = var.port > 0 && var.port < 65536
    error_message = "The port must be between 1 and 65535."
  }
}
"""


def test_a_configuration_as_people_write_them_parses_fast_to_the_same_tree() -> None:
    assert handled_and_equal(REALISTIC)


# -- syntax errors and constructs left to python-hcl2 ------------------------------------

SYNTAX_ERRORS = [
    "a = 1\n}\n", 'model "x" {\n  a = 1\n\nendpoint "y" {\n  b = 2\n}\n', "x {\n  y {\n}\n",
    'a = 1\nb = "abc\nc = 2\n', 'a = "one\ntwo"\n', "a = 1\nb =\n", "a = 1\nb = $\n",
    "a = b\n  .c\n", "x = a\n- b\n", "x = a\n\n+ b\n", 'x = "${a\n}"\n', "x = f\n(1)\n",
    "x = [1,,2]\n", "x = {,}\n", "x = f(a...,)\n", "x = a::b(1)\n", "x = !!a\n",
    "x = a -12\n", "x = {a = b -12}\n", "x = 1.\n", "x = .5\n", "x = é\n", 'x = "$${a"\n',
    "x = a[ * ]\n", "x == b\n", "x = a => b\n", 'x = "a" "b"\n', "a = f(1\n,)\n",
    "a = <<EOT\n${}\nEOT\n", "a = <<EOT\n${\nx}\nEOT\n", "a = <<EOT\nno end\n", "= 1\n",
    'block "x" = 1\n', 'block "${x}" {}\n', "a = (1\n", "a = [1\n", "a = {b = 1\n", "a = f(1\n",
]  # fmt: skip

UNHANDLED = {
    "a conditional as the collection of a for": "x = [for v in a ? b : c : v]\n",
    "a keyword as a for variable": "x = [for in in a : in]\n",
    "an if directive in a string": 'x = "%{if a}b%{endif}"\n',
    "a for directive in a heredoc": "x = <<EOT\n%{for v in l}${v}%{endfor}\nEOT\n",
    "a keyword as a reference": "x = for_each\n",
    "a keyword as an object key": "x = { in = 1 }\n",
    "object items with no separator": "a = {b = 1 c = 2}\n",
    "a unary operator before a negative number": "x = --12\n",
    "a minus touching a number after an expression": "x = a -1-2\n",
    "a newline before a bracket in an interpolation": 'x = "${a + b\n}"\n',
    "a traversal of a heredoc": "x = <<EOT\na\nEOT\n[0]\n",
}


@pytest.mark.parametrize("text", SYNTAX_ERRORS)
def test_a_syntax_error_falls_back_and_python_hcl2_reports_it_as_before(text: str) -> None:
    assert parse_fast(text, NAME) is None
    slow, diags = lark(text)
    assert slow is None or diags.has_errors
    found, found_diags = hclparse.parse_source(text, NAME)
    assert (found, found_diags.items) == (slow, diags.items)


def test_every_rejected_text_of_the_corpora_falls_back() -> None:
    texts = [mutated(Corpus(s).body(), random.Random(20_000 + s)) for s in range(200)]
    for text in [*texts, *embedded_strings()]:
        slow, diags = lark(text)
        if slow is None or diags.items:
            assert parse_fast(text, NAME) is None, text


# A quoted string is read without the operator layers when what follows it ends the
# expression; each of these must still parse as python-hcl2 parses it, or fall back.
STRING_THEN = [
    'a = "x"\n', 'a = "x"\nb = 1\n', 'a = "x" + "y"\n', 'a = "x"\n  + "y"\n', 'a = "x"\n\n+ "y"\n',
    'a = "x"\n  == "y"\n', 'a = "x" ? "y" : "z"\n', 'a = "x"\n? 1 : 2\n', 'a = "x"[0]\n', 'a = "x".b\n',
    'a = "x" # c\nb = "y" // d\n', 'a = "x" /* c */\n', 'a = { k = "v" }\n', 'a = { k = "v", j = "w" }\n',
    'a = { k = "v"\n  j = "w"\n}\n', 'a = ["a", "b"]\n', 'a = ["a"\n, "b"]\n', 'a = f("a")\n', 'a = f("a", "b")\n',
    'a = ("a")\n', 'a = "${"x"}"\n', 'a = "x" -1\n', 'a = "x"\n-1\n', 'a = { "k" = "v" }\n', 'a = "x"', 'a = "x" "y"\n',
]  # fmt: skip


@pytest.mark.parametrize("text", STRING_THEN)
def test_a_string_and_what_follows_it_parse_as_python_hcl2_parses_them(text: str) -> None:
    slow, diags = lark(text)
    if slow is None or diags.items:
        assert parse_fast(text, NAME) is None
    else:
        assert handled_and_equal(text)


@pytest.mark.parametrize("construct", sorted(UNHANDLED))
def test_a_construct_left_to_python_hcl2_falls_back(construct: str) -> None:
    text = UNHANDLED[construct]
    assert parse_fast(text, NAME) is None
    slow, diags = lark(text)
    assert slow is not None and not diags.items  # valid, just not handled here
    assert hclparse.parse_source(text, NAME)[0] == slow


def test_parse_source_uses_the_fast_parser_when_it_can(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_lark(text: str, filename: str) -> tuple[File | None, Diagnostics]:
        raise AssertionError("python-hcl2 was used")

    monkeypatch.setattr(hclparse, "_parse_with_lark", no_lark)
    found, diags = hclparse.parse_source('model "m" {\n  a = [1, "x", var.y]\n}\n', NAME)
    assert found is not None and not diags.items
    assert found.body.blocks[0].body.attributes["a"].range.start_line == 2


def test_the_fast_parser_imports_neither_hcl2_nor_lark() -> None:
    code = (
        "import sys\n"
        "from mlinfra.config.hclfast import parse_fast\n"
        "assert parse_fast('a = [1]', 'x.hcl') is not None\n"
        "assert not {'hcl2', 'lark'} & set(sys.modules), sorted(sys.modules)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
