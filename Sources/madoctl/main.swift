print("madoctl")
