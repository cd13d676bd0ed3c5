from newsletter.richtext import clean_html, editable_text, plain_text


def test_a_contribution_is_sanitised():
    html = clean_html(
        'Bonjour <script>alert(1)</script><img src="https://ailleurs.fr/x.png">\n\n'
        '<a href="javascript:alert(1)" onclick="x">piège</a> <a href="https://e.fr">lien</a>'
    )
    assert "script" not in html and "<img" not in html and "onclick" not in html
    assert "javascript" not in html
    assert '<a href="https://e.fr" rel="noopener noreferrer">lien</a>' in html
    assert html.startswith("<p>Bonjour")


def test_the_text_area_gets_back_what_was_written():
    for text in ("Un\n\nDeux <strong>gras</strong>\nligne", "<ul><li>a</li><li>b</li></ul>"):
        html = clean_html(text)
        assert clean_html(editable_text(html)) == html
    assert editable_text("<p>Un</p><p>Deux</p>") == "Un\n\nDeux"


def test_the_text_part_has_no_tags():
    text = plain_text(clean_html('Un <a href="https://e.fr">lien</a>\n\nDeux &amp; trois'))
    assert text == "Un lien (https://e.fr)\n\nDeux & trois"
