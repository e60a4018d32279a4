# case: test_step accumulates the loss under torch.inference_mode(), then `test_loss /= len(data_loader)` runs outside the context
# source: https://github.com/mrdbourke/pytorch-deep-learning/issues/397
import torch
import torch.nn as nn

model_1 = nn.Sequential(nn.Flatten(), nn.Linear(16, 4))
loss_fn = nn.CrossEntropyLoss()
test_dataloader = [(torch.randn(8, 1, 4, 4), torch.randint(0, 4, (8,))) for _ in range(3)]


def accuracy_fn(y_true, y_pred):
    return (y_true == y_pred).sum().item() / len(y_pred) * 100


def test_step(model, data_loader, loss_fn, accuracy_fn):
    test_loss, test_acc = 0, 0
    model.eval()
    with torch.inference_mode():
        for X, y in data_loader:
            test_pred = model(X)
            test_loss += loss_fn(test_pred, y)
            test_acc += accuracy_fn(y_true=y, y_pred=test_pred.argmax(dim=1))

    # Adjust metrics and print out
    test_loss /= len(data_loader)  # expect: GG005  # raises: RuntimeError: Inplace update to inference tensor outside InferenceMode is not allowed
    test_acc /= len(data_loader)
    print(f"Test loss: {test_loss:.5f} | Test acc: {test_acc:.2f}%\n")


test_step(model=model_1, data_loader=test_dataloader, loss_fn=loss_fn, accuracy_fn=accuracy_fn)
