"""Argument reading: units below the sentence, a transparent reader, the microtext gold and its scorer."""
