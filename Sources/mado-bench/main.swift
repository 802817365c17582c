print("mado-bench")
