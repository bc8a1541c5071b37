"""Citations: an exact, verified quote with body, date, item and page, in the formats citation tools read."""
