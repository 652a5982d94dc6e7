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
