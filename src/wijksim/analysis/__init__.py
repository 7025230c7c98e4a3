"""Analysis of results: plots, summaries, reports."""
