"""Editing the user's files in place: splice new text in, keep every other byte."""
