#pragma once

// The bundled sample datasets (resources/samples, at least one per purpose) and the starter model, the first time an
// engine opens a new store so a new user sees real data at once. Deleting them later is respected:
// they are seeded once per store, not on every start.

#include "engine/datasets/dataset_service.h"

#include <QString>

namespace wb::engine {

//! Copies the samples to `samplesDir` and registers them, once per store.
api::Status seedSampleDatasets(DatasetService &datasets, store::Store &store, const QString &samplesDir);

//! Copies the bundled starter model (resources/starter/model, docs/starter-model.md) to
//! `modelsDir`/starter, once per store, where the model registry finds it as "starter". A build
//! without the bundled model skips it.
api::Status seedStarterModel(store::Store &store, const QString &modelsDir);

} // namespace wb::engine
