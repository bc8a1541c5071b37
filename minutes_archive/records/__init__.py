"""The ground floor: records (model, layout), ids and text helpers. Imports nothing else of the package."""
