print("plancheck")
