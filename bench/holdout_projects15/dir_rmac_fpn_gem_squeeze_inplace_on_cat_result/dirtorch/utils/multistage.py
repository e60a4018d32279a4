import torch


def extract_descriptors(net, images):
    with torch.no_grad():
        return torch.stack([net(img[None]) for img in images])


def multistage_backward(net, images, labels, loss_fn):
    """Multi-staged backpropagation: the loss sees every descriptor of the batch at once, the network only one
    image at a time.

    1. forward every image without the graph and keep its descriptor;
    2. compute the listwise loss on leaf copies of the descriptors and backpropagate to them;
    3. forward each image again with the graph and push its descriptor gradient through the network.
    """
    descs = extract_descriptors(net, images).requires_grad_(True)
    loss = loss_fn(descs, labels)
    loss.backward()
    desc_grads = descs.grad

    for img, desc_grad in zip(images, desc_grads):
        desc = net(img[None])
        desc.backward(desc_grad)
    return loss.detach()
