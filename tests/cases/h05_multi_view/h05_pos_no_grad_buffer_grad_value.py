# case: rows of a buffer that does NOT require grad (iteration) written with a value that DOES: raises (odd "no_grad mode" wording)
import torch

x = torch.randn(2, 3, requires_grad=True)
canvas = torch.zeros(2, 3)
for row, src in zip(canvas, x.sigmoid()):
    row.copy_(src)  # expect: GG003  # raises: RuntimeError: This view is the output of a function that returns multiple views
canvas.sum().backward()
