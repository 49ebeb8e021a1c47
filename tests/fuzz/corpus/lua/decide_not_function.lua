return {decide = 1}
