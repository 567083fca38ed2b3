"""The pure ingest parsers on fixture pages and feeds written for these tests (tests/fixtures/ingest)."""

from __future__ import annotations

from pathlib import Path

import pytest

from schemas.ids import safe_id
from streams.ingest import NoBlogId, NoLiveBlog, UnknownFormat, parse_source, sniff
from streams.ingest.text import clean_text, html_to_text
from streams.ingest.times import BadTime, parse_time

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "ingest"
PAGE = "https://courier.example/news/live/2024/nov/20/flood-crisis-live"


def read(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def test_graph_page_gives_its_posts_with_source_times_and_canonical_ids() -> None:
    parsed = parse_source(read("liveblog_graph.html"))
    assert parsed.kind == "html"
    assert parsed.blog_id == safe_id(PAGE) and parsed.blog_id.startswith("flood-crisis-live-")
    reqs = {r.request["source_url"]: r.request for r in parsed.records}
    assert sorted(reqs) == [f"{PAGE}#post-102", f"{PAGE}#post-103", f"{PAGE}#post-104"]
    evac = reqs[f"{PAGE}#post-104"]
    assert evac["entry_id"] == safe_id(f"{PAGE}#post-104")
    assert evac["title"] == "Evacuation ordered for the lower town"
    # entities decoded, paragraphs kept as lines
    assert evac["body"] == (
        "The mayor’s office has told residents of the lower town to leave before noon.\n"
        "Buses will wait by the station & the sports hall is open as a shelter."
    )
    assert evac["author"] == "Mira Holt"
    assert evac["source_published_at"] == "2024-11-20T08:40:00.000000Z"  # +01:00 kept as the instant
    rescue = reqs[f"{PAGE}#post-103"]
    assert rescue["body"].startswith("Firefighters pulled two people from the roof")
    assert "<b>" not in rescue["body"] and rescue["body"].count("\n") == 1
    assert rescue["source_updated_at"] == "2024-11-20T09:20:00.000000Z"


def test_a_post_without_article_body_takes_the_text_of_its_element_without_scripts_or_styles() -> None:
    parsed = parse_source(read("liveblog_graph.html"))
    gauge = next(r.request for r in parsed.records if r.request["source_url"].endswith("#post-102"))
    assert gauge["body"] == (
        "The gauge at the weir read 4.6 metres at eight o'clock, above the record set in 1998.\n"
        "Engineers expect the level to peak in the afternoon."
    )
    assert "trackPost" not in gauge["body"] and "color" not in gauge["body"]


def test_bad_items_and_the_broken_block_are_listed_and_the_good_items_still_land() -> None:
    parsed = parse_source(read("liveblog_graph.html"))
    skipped = {s.where: s.error for s in parsed.skipped}
    assert set(skipped) == {
        "JSON-LD block 2",
        "liveBlogUpdate 4 (#post-101)",
        "liveBlogUpdate 5 (#post-100)",
        "liveBlogUpdate 6",
    }
    assert "not valid JSON" in skipped["JSON-LD block 2"]
    assert "datePublished: '20 November, early' is not a date" in skipped["liveBlogUpdate 4 (#post-101)"]
    assert "has no UTC offset" in skipped["liveBlogUpdate 5 (#post-100)"]
    assert "no @id or url" in skipped["liveBlogUpdate 6"]
    assert len(parsed.records) == 3


def test_relative_ids_resolve_against_the_canonical_link_before_og_url() -> None:
    # The parser is never told where the page was read from (a file, a URL): only the page names
    # its base. Here the LiveBlogPosting @id is relative, so rel=canonical is the base; og:url
    # (with a tracking query) comes after it. Move the canonical link and the ids move with it.
    parsed = parse_source(read("liveblog_graph.html"))
    assert parsed.canonical_url == f"{PAGE}#liveblog"
    moved = read("liveblog_graph.html").replace(b'href="https://courier.example/news/live', b'href="https://m.example/news/live')
    again = parse_source(moved)
    by_url = {r.request["source_url"] for r in again.records}
    assert "https://m.example/news/live/2024/nov/20/flood-crisis-live#post-104" in by_url
    assert f"{PAGE}#post-102" in by_url  # an absolute url is kept as written
    no_canonical = (
        read("liveblog_graph.html")
        .replace(b'rel="canonical"', b'rel="x"')
        .replace(b'content="https://courier.example/', b'content="https://og.example/')
    )
    assert parse_source(no_canonical).canonical_url == "https://og.example/news/live/2024/nov/20/flood-crisis-live#liveblog"


def test_nested_main_entity_and_a_single_update_object() -> None:
    parsed = parse_source(read("liveblog_nested.html"))
    assert parsed.canonical_url == "https://bulletin.example/politics/election-night-live"
    [rec] = parsed.records
    assert rec.request["title"] == "Turnout above 60% in the capital"
    assert rec.request["source_published_at"] == "2024-06-09T19:30:00.000000Z"
    assert rec.entry_id.startswith("7781-")


def test_blog_id_given_by_the_caller_wins() -> None:
    parsed = parse_source(read("liveblog_nested.html"), blog_id="election-2024")
    assert parsed.blog_id == "election-2024" and parsed.records[0].request["blog_id"] == "election-2024"


def test_rss_items_with_offsets_and_bad_dates() -> None:
    parsed = parse_source(read("feed_rss.xml"))
    assert parsed.kind == "rss" and parsed.blog_id == safe_id("https://portnews.example/live/harbour-strike")
    first, second = (r.request for r in parsed.records)
    assert first["entry_id"] == safe_id("harbour-strike/u-31")  # a GUID is a name: never resolved
    assert first["source_published_at"] == "2024-11-21T14:20:00.000000Z"
    assert "source_updated_at" not in first  # RSS has no edit time of its own
    assert first["body"] == "Union and employers are back at the table, a spokesperson said.\nNo timetable was given."
    assert first["author"] == "Tomas Weir"
    assert second["body"] == "About 40 cargo ships are anchored outside the harbour & more are on their way."
    assert second["source_published_at"] == "2024-11-21T13:05:00.000000Z"
    skipped = {s.where: s.error for s in parsed.skipped}
    assert "not a date" in skipped["item 3 (harbour-strike/u-29)"]
    assert "no UTC offset" in skipped["item 4 (harbour-strike/u-28)"]


def test_atom_entries_with_published_and_updated() -> None:
    parsed = parse_source(read("feed_atom.xml"))
    assert parsed.kind == "atom"
    found, paused = (r.request for r in parsed.records)
    assert found["title"] == "Climbers reached at 3,100 m – all alive"
    assert found["body"] == (
        "A helicopter crew reached the four climbers on the north ridge.\nAll four are alive; one has a broken ankle."
    )
    assert (found["source_published_at"], found["source_updated_at"]) == (
        "2024-12-02T09:05:00.000000Z",
        "2024-12-02T09:15:00.000000Z",
    )
    assert found["source_url"] == "tag:alpine.example,2024:live/rescue/entry-12"
    assert "source_published_at" not in paused and paused["source_updated_at"] == "2024-12-01T18:30:00.000000Z"


def test_whole_sources_that_are_not_live_blogs_say_so() -> None:
    with pytest.raises(NoLiveBlog, match=r"no schema.org LiveBlogPosting JSON-LD \(its JSON-LD has only NewsArticle\)"):
        parse_source(read("no_liveblog.html"))
    with pytest.raises(NoLiveBlog, match="rss feed has no items"):
        parse_source(read("empty_feed.xml"))
    with pytest.raises(UnknownFormat, match="not an HTML page, an RSS/Atom feed or JSON lines"):
        parse_source(b"just some words")
    page = read("liveblog_graph.html").replace(b'rel="canonical"', b'rel="x"').replace(b'og:url', b'og:x')
    with pytest.raises(NoBlogId, match="names no canonical URL"):
        parse_source(page)
    # with --blog-id the page still reads; its relative ids stay relative: nothing to resolve against
    parsed = parse_source(page, blog_id="floods")
    assert {r.request["source_url"] for r in parsed.records} >= {"#post-104", "#post-103"}


def test_json_lines_pass_through_with_bad_lines_named() -> None:
    data = b'{"entry_id": "e1", "body": "One."}\n\nnot json\n[1]\n{"entry_id": "e2", "blog_id": "b2", "body": "Two."}\n'
    parsed = parse_source(data, blog_id="b1")
    assert [r.where for r in parsed.records] == ["line 1", "line 5"]
    assert [r.request["blog_id"] for r in parsed.records] == ["b1", "b2"]
    assert [s.where for s in parsed.skipped] == ["line 3", "line 4"]


def test_sniff_uses_the_content_type_only_when_the_bytes_do_not_tell() -> None:
    assert sniff(b"<?xml version='1.0'?><rss>") == "rss"
    assert sniff(b"\xef\xbb\xbf<!DOCTYPE html><html>") == "html"
    assert sniff(b"<div>fragment</div>", "text/html; charset=utf-8") == "html"


def test_text_helpers() -> None:
    assert html_to_text("<div><p>A</p><style>p{}</style><ul><li>b</li><li>c</li></ul></div>") == "A\nb\nc"
    assert clean_text("plain\n\n  text  with &lt;b&gt; ") == "plain\ntext with <b>"
    assert parse_time("2024-11-20T14:05:00z", "t") is not None
    assert parse_time("Wed, 20 Nov 2024 14:05:00 -0000", "pubDate") is not None
    with pytest.raises(BadTime, match="t: expected a date string, got int"):
        parse_time(5, "t")
