"""Documents built from a meeting's delegations: the list of participants."""
