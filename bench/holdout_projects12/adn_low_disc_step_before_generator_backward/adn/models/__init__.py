from .adn import ADNTrain
