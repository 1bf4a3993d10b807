"""The entropy explorer's numbers: distributions p and q as the user edits them, and what the
explorer shows of them."""
