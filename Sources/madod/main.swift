print("madod")
