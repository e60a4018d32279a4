# case: metric post-processing via probs.detach().cpu().numpy() before backward: on CPU .cpu() is a no-op alias, so thresholding the array rewrites the saved softmax output
import torch

torch.manual_seed(0)
logits = torch.randn(2, 4, requires_grad=True)
target = torch.tensor([0, 3])
probs = torch.softmax(logits, dim=1)
loss = (probs - torch.nn.functional.one_hot(target, 4)).pow(2).sum()
arr = probs.detach().cpu().numpy()
arr[arr < 0.2] = 0.0  # expect: GG008
hits = (arr.argmax(1) == target.numpy()).sum()
loss.backward()
print("hits", hits, "logits.grad (silently wrong: softmax backward used the thresholded probs)", logits.grad)
