"""Domain verbs: they take and return model objects, flush when they need ids, never commit."""
