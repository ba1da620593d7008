"""Pure builders for notes verbales: templates in, text / HTML / Word out; no request, no database."""
