class Vocab:
    def __init__(self, smiles_list):
        self.vocab = list(smiles_list)
        self.vmap = {x: i for i, x in enumerate(self.vocab)}

    def __getitem__(self, smiles):
        return self.vmap[smiles]

    def get_smiles(self, idx):
        return self.vocab[idx]

    def size(self):
        return len(self.vocab)


COMMON_ATOMS = [("B", 0), ("C", 0), ("N", 0), ("N", 1), ("O", 0), ("F", 0), ("S", 0), ("Cl", 0)]
common_atom_vocab = Vocab(COMMON_ATOMS)
