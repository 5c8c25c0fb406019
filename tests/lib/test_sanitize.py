from playerdesk.lib.sanitize import body_from_input, clean_html, html_to_text


def test_it_strips_scripts_and_event_handlers():
    dirty = (
        '<p onclick="steal()">Hi<script>alert(1)</script>'
        '<img src="x" onerror="alert(2)"><a href="javascript:alert(3)">x</a></p>'
        '<iframe src="https://evil.example"></iframe><style>body{}</style>'
    )
    clean = clean_html(dirty)
    for bad in ("script", "onclick", "onerror", "javascript:", "iframe", "style", "alert(1)"):
        assert bad not in clean
    assert "Hi" in clean


def test_it_keeps_safe_formatting_and_links():
    clean = clean_html('<p><b>bold</b> <a href="https://ojo.example.com/help">help</a></p>')
    assert "<b>bold</b>" in clean
    assert 'href="https://ojo.example.com/help"' in clean
    assert "noopener" in clean


def test_plain_text_is_escaped_not_interpreted():
    body = body_from_input("5 < 6 & <script>alert(1)</script>\nline two")
    assert "<script>" not in body
    assert "&lt;script&gt;" in body
    assert "<br>" in body
    assert html_to_text(body) == "5 < 6 & <script>alert(1)</script>\nline two"
