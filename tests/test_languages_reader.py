"""tests/languages.py finds the English words a Chinese page still shows, and only those."""

from tests.languages import english_words

PAGE = """<html lang="zh-Hans"><head><title>新闻 | Portal</title></head><body>
<h1>城市新闻</h1>
<p>请写信至 help@city.example 或访问 https://city.example/faq/。</p>
<article lang="en"><h2>Ferry timetable</h2><p>The ferry runs later.</p></article>
<label>上传 PDF 文件<input type="file"></label>
<img src="/a.png" alt="Map of the metro">
<button>Send</button><input type="submit" value="Continue">
<code>make run</code>
</body></html>"""


def test_english_words_outside_english_content_are_found():
    assert english_words(PAGE) == ["Continue", "Map", "Portal", "Send", "metro", "of", "the"]


def test_allowed_names_are_left_out():
    assert "Portal" not in english_words(PAGE, allowed={"Portal"})
