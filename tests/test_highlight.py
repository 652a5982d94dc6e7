"""Highlighted code keeps every styled token and loses the spans that draw nothing."""
from handbook import highlight

CODE = ('<code><span class="kn">import</span><span class="w"> </span><span class="nn">torch</span>\n'
        '<span class="n">x</span><span class="w"> </span><span class="o">=</span><span class="w"> </span>'
        '<span class="n">torch</span><span class="o">.</span><span class="n">ones</span><span class="p">(</span>'
        '<span class="mi">2</span><span class="p">)</span></code>')


def test_names_and_whitespace_become_plain_text():
    out = highlight.unwrap_unstyled_tokens(CODE)
    assert out == ('<code><span class="kn">import</span> <span class="nn">torch</span>\n'
                   'x <span class="o">=</span> torch<span class="o">.</span>ones<span class="p">(</span>'
                   '<span class="mi">2</span><span class="p">)</span></code>')


def test_the_text_is_unchanged():
    import re
    strip = lambda html: re.sub(r"<[^>]+>", "", html)  # noqa: E731
    assert strip(highlight.unwrap_unstyled_tokens(CODE)) == strip(CODE)


def test_material_draws_the_unwrapped_classes_as_plain_code_text():
    """Each unwrapped class has no rule in Material's stylesheet or only the name colour."""
    import re
    from pathlib import Path

    import material
    css = next((Path(material.__file__).parent / "templates" / "assets" / "stylesheets").glob("main.*.min.css"))
    rules = {}
    for selectors, body in re.findall(r"((?:\.highlight \.[a-z0-9]+,?)+)\{([^}]*)\}", css.read_text()):
        for name in re.findall(r"\.highlight \.([a-z0-9]+)", selectors):
            rules.setdefault(name, []).append(body)
    assert "n" in rules and "p" in rules  # the stylesheet was read
    for name in highlight.UNSTYLED_CLASSES:
        assert all(body == "color:var(--md-code-hl-name-color)" for body in rules.get(name, [])), (name, rules[name])
