def run_batch(model, batch):
    images, targets = batch
    proposals = model.propose(images)
    scores = model(images, proposals)
    return ((scores - targets) ** 2).mean()


def train_epoch(model, optimizer, batches):
    total = 0.0
    for batch in batches:
        loss = run_batch(model, batch)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        total += loss.item()
    return total


def train_epochs(model, optimizer, batches, epochs):
    for epoch in range(epochs):
        print(epoch, round(train_epoch(model, optimizer, batches), 4))


def run(model, optimizer, batches, epochs):
    model.train()
    train_epochs(model, optimizer, batches, epochs)
