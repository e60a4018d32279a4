# bond types of the molecular graphs (single, double, triple, aromatic)
BOND_LIST = ["SINGLE", "DOUBLE", "TRIPLE", "AROMATIC"]
