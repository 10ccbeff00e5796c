"""Extractive summaries: the owner's own sentences, chosen by the model, never rewritten."""

from suggestions import extract


def test_sentences_are_the_texts_own_words():
    text = "First point! Second point?  Third point.\n\nA line without a stop\n- a list item"

    found = extract.sentences(text)

    assert found == [
        "First point!",
        "Second point?",
        "Third point.",
        "A line without a stop",
        "- a list item",
    ]
    assert all(s in text for s in found)


def test_a_very_long_sentence_is_cut_where_a_word_ends():
    text = "word " * 200

    (sentence,) = extract.sentences(text)

    assert len(sentence) <= extract.MAX_SENTENCE
    assert sentence in text
    assert sentence.endswith("word")


def test_punctuation_alone_is_no_sentence():
    assert extract.sentences("...\n---\n") == []


def test_the_sentence_closest_to_the_centroid_wins_and_order_is_kept():
    notes = (
        "The weather was lovely. "
        "We compared Rust and Go for the payments service. "
        "Rust traits and Go interfaces for the payments service. "
        "Rust ownership and Go channels in the payments service."
    )

    (two,) = extract.summaries([notes], per_text=2)
    (one,) = extract.summaries([notes], per_text=1)

    assert "The weather was lovely." not in two
    assert len(two) == 2
    assert two == sorted(two, key=notes.index)  # in the order written
    assert one[0] in two


def test_short_texts_are_kept_whole_and_empty_ones_give_nothing():
    assert extract.summaries(["Only one sentence here.", ""], per_text=2) == [
        ["Only one sentence here."],
        [],
    ]
