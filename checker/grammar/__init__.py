"""Grammars of dates and numbers as written: `dates` finds and reads dates in text; `number_words` compiles a
language's digits and number words into tokens, `number_reader` folds tokens into a value, `numbers` finds and
reads numbers, `durations` reads a count and a unit of time. The words come from checker/lang/<code>/*.toml."""
