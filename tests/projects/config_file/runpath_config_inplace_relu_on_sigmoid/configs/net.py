plugin = True
plugin_dir = "models/"
hidden = 8
model = dict(
    type="HeadedNet",
    in_channels=4,
    heads=dict(score=dict(channels=hidden, act=dict(inplace=True)), box=dict(channels=hidden, act=dict(inplace=False))),
)
